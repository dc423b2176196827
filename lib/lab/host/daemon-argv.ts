/**
 * Pure builders of the argv arrays and config texts the lab runs; no I/O here, so they are unit-tested
 * byte for byte. Every daemon runs inside its host's namespaces through `nsenter` (not `ip netns exec`,
 * which remounts /sys and makes dockerd fail with "Devices cgroup isn't mounted").
 */
import "server-only";
import { daemonLogFile, daemonPidFile, type HostPaths, ovsBridgeName, vlanIfName } from "../paths";
import { DEFAULT_LAB_ENGINE, engineApiVersion, enginePrograms, type LabEngine } from "../spec/engines";
import type { LabHostSpec, LabNicSpec } from "../spec/spec";

/** Paths of the programs the builders need (absolute in production, plain names in tests). */
export type ToolPaths = {
  nsenter: string;
  dockerd: string;
  sshd: string;
  dnsmasq: string;
  etcd: string;
  "ovsdb-server": string;
  "ovs-vswitchd": string;
  "ovs-vsctl": string;
};

/** `nsenter` into all of a host's namespaces (network, UTS, mount), then `argv`. */
export function inHost(paths: HostPaths, nsenter: string, argv: readonly string[]): string[] {
  return [nsenter, `--net=${paths.netnsFile}`, `--uts=${paths.utsFile}`, `--mount=${paths.mntFile}`, "--", ...argv];
}

/**
 * The host's own dockerd: its own data root, exec root, socket, pid file, /etc/docker and cgroup parent.
 * On engine 26 the dockerd is the unpacked one, with its own docker-proxy and docker-init (otherwise it
 * would run 20.10's from PATH); 26 has no --cluster-store/--cluster-advertise (removed in Docker 23:
 * validation refuses a KV store on a 26 host, and they are never passed to it).
 */
export function dockerdArgv(
  tools: Pick<ToolPaths, "dockerd">,
  paths: HostPaths,
  cgroupParent: string,
  dockerd: LabHostSpec["dockerd"],
  engine: LabEngine = DEFAULT_LAB_ENGINE,
): string[] {
  const programs = enginePrograms(engine);
  const argv = [
    programs?.dockerd ?? tools.dockerd,
    // No --config-file: dockerd reads the host's /etc/docker/daemon.json (paths.dockerConfig through the
    // etc-docker bind), and like a real host's it may be absent (an explicit --config-file must exist).
    `--data-root=${paths.dockerDataRoot}`,
    `--exec-root=${paths.dockerExecRoot}`,
    `--pidfile=${paths.runDir}/dockerd.pid`,
    `--host=unix://${paths.dockerSocket}`,
    `--cgroup-parent=${cgroupParent}`,
  ];
  if (programs) {
    argv.push(`--userland-proxy-path=${programs.proxy}`, `--init-path=${programs.init}`);
    return argv;
  }
  if (dockerd.clusterStore) argv.push(`--cluster-store=${dockerd.clusterStore}`);
  if (dockerd.clusterAdvertise) argv.push(`--cluster-advertise=${dockerd.clusterAdvertise}`);
  return argv;
}

/**
 * Go's garbage-collector pacing for every Go program of an emulated host: dockerd and what it starts
 * (containerd, the shims, runc, the network hooks), and the docker CLI in SSH sessions. Docker 20.10
 * re-executes its 75 MB dockerd binary three times per container it starts (`set-ipv6`,
 * `setup-resolver`, and the `libnetwork-setkey` prestart hook); at Go's default of 100 the ~5 MB its
 * package initialisation allocates already costs two concurrent collections (with their write barriers,
 * assists and thread wake-ups): about a third of each re-execution's CPU (46 → 30 ms measured here).
 * Sixteen emulated hosts share two cores (and 24 GB), so the lab trades memory for CPU as an operator
 * of a small, busy host would: collections at 400 % heap growth. It changes no behaviour of the engine
 * (only when the runtime collects); see the lab facts for the measurements.
 */
export const LAB_GO_ENV: Readonly<Record<string, string>> = { GOGC: "400" };

/** Settings of one host's sshd (`engine` defaults to 20.10). */
export type SshdSettings = { listenAddress: string; paths: HostPaths; engine?: LabEngine };

/**
 * sshd_config of a host: listens only on its management address, root by key only, no PAM, and
 * `docker` in a session talks to this host's dockerd at its engine's API version (1.41 for 20.10,
 * 1.45 for 26), whatever docker CLI is first in PATH.
 */
export function sshdConfig({ listenAddress, paths, engine = DEFAULT_LAB_ENGINE }: SshdSettings): string {
  return [
    `ListenAddress ${listenAddress}:22`,
    `HostKey ${paths.sshHostKey}`,
    `PidFile ${paths.runDir}/sshd.pid`,
    `AuthorizedKeysFile ${paths.authorizedKeys}`,
    "PermitRootLogin prohibit-password",
    "PubkeyAuthentication yes",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "UsePAM no",
    "X11Forwarding no",
    "AllowTcpForwarding no",
    // local: the Docker API reaches the host's socket straight over SSH (no dial-stdio process per host).
    "AllowStreamLocalForwarding local",
    "PermitTunnel no",
    "PrintMotd no",
    "UseDNS no",
    "LogLevel INFO",
    // SHLVL=1: bash started by sshd then skips ~/.bashrc, which on this machine costs ~100 ms per command.
    // PATH: the host's bin dir first, for its `systemctl` stand-in (see systemctlShim).
    // GOGC: the docker CLI's, and that of a dockerd the stand-in restarts (see LAB_GO_ENV).
    `SetEnv DOCKER_HOST=unix://${paths.dockerSocket} DOCKER_API_VERSION=${engineApiVersion(engine)} SHLVL=1 PATH=${paths.binDir}:${SESSION_PATH}${goEnv()}`,
    "",
  ].join("\n");
}

/** {@link LAB_GO_ENV} as ` NAME=value` words for sshd's SetEnv. */
function goEnv(): string {
  return Object.entries(LAB_GO_ENV)
    .map(([name, value]) => ` ${name}=${value}`)
    .join("");
}

/** sshd's own default PATH for sessions, after the host's bin dir. */
const SESSION_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/**
 * A lab host has no systemd, but a plan restarts dockerd with `systemctl restart docker` (after
 * merging daemon.json, lib/plan/daemon-json.ts). This stand-in, first in the SSH session's PATH, does
 * just that as systemd would: SIGTERM to the dockerd of the lab's pid file, wait until it is gone,
 * start the same argv again (already inside the host's namespaces: sshd runs there), record the new
 * pid in the same pid file (so `lab down` finds it), and wait until it answers. Anything else exits 1.
 * Lab paths hold no spaces or glob characters, so the argv read from /proc survives word splitting.
 */
export function systemctlShim(host: string): string {
  const pidFile = daemonPidFile(host, "dockerd");
  const logFile = daemonLogFile(host, "dockerd");
  return [
    "#!/bin/sh",
    "# crossnet lab: this emulated host has no systemd; only 'systemctl restart docker' is emulated.",
    "set -eu",
    'case "$*" in',
    '  "restart docker" | "restart docker.service") ;;',
    `  *) echo "crossnet lab: only 'systemctl restart docker' is emulated on this host (got: $*)" >&2; exit 1 ;;`,
    "esac",
    `pid=$(cat ${pidFile})`,
    'args=$(tr "\\000" " " < "/proc/$pid/cmdline")',
    'kill -TERM "$pid"',
    "i=0",
    'while [ -e "/proc/$pid" ] && [ "$(sed "s/.*) //" "/proc/$pid/stat" 2>/dev/null | cut -c1)" != Z ]; do',
    '  i=$((i + 1)); if [ "$i" -gt 600 ]; then echo "dockerd $pid did not stop within 60 s" >&2; exit 1; fi; sleep 0.1',
    "done",
    "set -f",
    "# shellcheck disable=SC2086",
    "set -- $args",
    `setsid "$@" >>${logFile} 2>&1 </dev/null &`,
    "new=$!",
    `echo "$new" > ${pidFile}`,
    "i=0",
    "until docker version >/dev/null 2>&1; do",
    `  if [ ! -e "/proc/$new" ]; then echo "dockerd exited at start; the end of ${logFile}:" >&2; tail -n 20 ${logFile} >&2; exit 1; fi`,
    '  i=$((i + 1)); if [ "$i" -gt 600 ]; then echo "dockerd did not answer within 60 s" >&2; exit 1; fi; sleep 0.1',
    "done",
    "",
  ].join("\n");
}

/** sshd in the foreground, logging to stderr (the log file). */
export function sshdArgv(tools: Pick<ToolPaths, "sshd">, paths: HostPaths): string[] {
  return [tools.sshd, "-D", "-e", "-f", paths.sshdConfig];
}

/**
 * The host's /etc/resolv.conf: only a loopback resolver (dnsmasq). Docker's embedded DNS then forwards
 * names it does not know from the host's namespace (not the container's), so dnsmasq's NXDOMAIN comes
 * back at once on macvlan, bridge and overlay networks alike. Nothing else may be listed: the embedded
 * DNS tries the next server after an NXDOMAIN, and a server a macvlan container cannot reach (e.g.
 * docker0's address) costs a 4-5 s timeout. Default-bridge containers get Docker's fallback servers
 * (loopback ones are dropped for them) and time out as on any host without DNS; names never resolve
 * on the default bridge anyway.
 */
export function resolvConf(): string {
  return "# crossnet lab: local dnsmasq, answers NXDOMAIN for every name (the lab has no upstream DNS)\nnameserver 127.0.0.1\n";
}

/** dnsmasq answering NXDOMAIN at once for every name, on 127.0.0.1 only. */
export function dnsmasqArgv(tools: Pick<ToolPaths, "dnsmasq">, paths: HostPaths): string[] {
  return [
    tools.dnsmasq,
    "--keep-in-foreground",
    "--conf-file=/dev/null",
    "--no-resolv",
    "--no-hosts",
    "--no-poll",
    "--address=/#/",
    "--bind-interfaces",
    "--listen-address=127.0.0.1",
    `--pid-file=${paths.runDir}/dnsmasq.pid`,
    "--user=nobody",
    "--group=nogroup",
    "--log-facility=-",
  ];
}

/** Single-member etcd 3.4 with the v2 API (dockerd 20.10's --cluster-store speaks v2). */
export function etcdArgv(
  tools: Pick<ToolPaths, "etcd">,
  paths: HostPaths,
  settings: { name: string; address: string; listen?: readonly string[] },
): string[] {
  const peer = "http://127.0.0.1:2380";
  // Never 0.0.0.0: the store's data address (and any other the hosts were pointed at), plus the lab's
  // management address for its own health check. The plan's firewall (lib/plan/kv-firewall.ts) then
  // admits only the design's hosts.
  const listen = [...new Set([settings.address, ...(settings.listen ?? [])])];
  return [
    tools.etcd,
    `--name=${settings.name}`,
    `--data-dir=${paths.etcdDataDir}`,
    `--listen-client-urls=${listen.map((address) => `http://${address}:2379`).join(",")}`,
    `--advertise-client-urls=http://${settings.address}:2379`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=${settings.name}=${peer}`,
    "--initial-cluster-state=new",
    "--enable-v2=true",
    "--logger=zap",
    "--log-outputs=stderr",
  ];
}

/** Environment that keeps a host's OVS entirely in its own directory (never the machine's OVS). */
export function ovsEnv(paths: HostPaths): Record<string, string> {
  return { OVS_RUNDIR: paths.ovsDir, OVS_DBDIR: paths.ovsDir, OVS_LOGDIR: paths.logDir, OVS_SYSCONFDIR: paths.ovsDir };
}

/** The host's own ovsdb-server, on its own database and socket. */
export function ovsdbServerArgv(tools: Pick<ToolPaths, "ovsdb-server">, paths: HostPaths): string[] {
  return [
    tools["ovsdb-server"],
    `${paths.ovsDir}/conf.db`,
    `--remote=punix:${paths.ovsDir}/db.sock`,
    `--pidfile=${paths.ovsDir}/ovsdb-server.pid`,
    "--no-chdir",
    `--log-file=${paths.logDir}/ovsdb-server.ovs.log`,
  ];
}

/** The host's own ovs-vswitchd, connected to its own ovsdb-server. */
export function ovsVswitchdArgv(tools: Pick<ToolPaths, "ovs-vswitchd">, paths: HostPaths): string[] {
  return [
    tools["ovs-vswitchd"],
    `unix:${paths.ovsDir}/db.sock`,
    `--pidfile=${paths.ovsDir}/ovs-vswitchd.pid`,
    "--no-chdir",
    `--log-file=${paths.logDir}/ovs-vswitchd.ovs.log`,
  ];
}

/**
 * Written to the host's OVS database before ovs-vswitchd starts: `userspace-tso-enable`. The lab's OVS
 * is userspace (no kernel module) and reads frames from the containers' veths through packet sockets.
 * Without this it ignores the kernel's offload metadata: a TCP segment whose checksum the sender left to
 * the "hardware" (every veth offers that) goes out unfinished and is dropped by the receiver (pings pass,
 * TCP never connects), and a GSO burst is larger than the tunnel device takes. With it, OVS passes the
 * metadata on (virtio-net headers) and the kernel completes checksums and segments. ovs-vswitchd reads it
 * only when it opens its sockets, hence before it starts. Hosts with the OVS kernel module need nothing.
 */
export function ovsOffloadArgv(tools: Pick<ToolPaths, "ovs-vsctl">, paths: HostPaths): string[] {
  return [
    tools["ovs-vsctl"],
    `--db=unix:${paths.ovsDir}/db.sock`,
    "--no-wait",
    "--timeout=30",
    "--retry",
    "--",
    "init",
    "--",
    "set",
    "Open_vSwitch",
    ".",
    "other_config:userspace-tso-enable=true",
  ];
}

/**
 * One ovs-vsctl transaction: per NIC with VLANs a userspace bridge (`datapath_type=netdev`), the NIC as
 * its trunk port, and an internal port `<nic>.<vid>` with `tag=<vid>` per VLAN. Waits until
 * ovs-vswitchd has created the devices. The daemons keep OVS's default control socket names
 * (`<rundir>/ovs-vswitchd.<pid>.ctl`), so `ovs-appctl` works inside the host.
 */
export function ovsVsctlArgv(
  tools: Pick<ToolPaths, "ovs-vsctl">,
  paths: HostPaths,
  nics: readonly LabNicSpec[],
): string[] {
  // `init` alone still makes ovs-vsctl wait until ovs-vswitchd has caught up: a readiness check for hosts without VLANs.
  const argv = [tools["ovs-vsctl"], `--db=unix:${paths.ovsDir}/db.sock`, "--timeout=30", "--retry", "--", "init"];
  nics.forEach((nic, index) => {
    if (nic.vlans.length === 0) return;
    const bridge = ovsBridgeName(index);
    argv.push("--", "add-br", bridge, "--", "set", "bridge", bridge, "datapath_type=netdev");
    argv.push("--", "add-port", bridge, nic.name);
    for (const vlan of nic.vlans) {
      const name = vlanIfName(nic.name, vlan.vid);
      argv.push("--", "add-port", bridge, name, `tag=${vlan.vid}`, "--", "set", "interface", name, "type=internal");
    }
  });
  return argv;
}
