import "server-only";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { recordIntent } from "../lifecycle/journal";
import type { LabTools } from "../os/preflight";
import { runChecked, runCommand, sleep } from "../os/run";
import { type HostPaths, LAB_RUN_DIR } from "../paths";
import { resolvConf } from "./daemon-argv";

/** One command of a host's setup, with what it is for (used in error messages). */
export type SetupCommand = { what: string; argv: string[] };

/**
 * Commands that give a host its private mount namespace, entered later by every daemon and `hostExec`:
 * - a sysfs of its own network namespace over /sys (so /sys/class/net shows its NICs), keeping the
 *   machine's /sys/fs/cgroup (without it dockerd fails: "Devices cgroup isn't mounted");
 * - a private tmpfs /run (containerd's, sshd's and docker's files stay inside the host) with the lab run
 *   dir bound back in and /run/docker.sock pointing to the host's dockerd;
 * - its own /etc/resolv.conf (local dnsmasq) and, when the machine has /etc/docker, its own /etc/docker
 *   (so every host gets its own engine key).
 * `mount -n`: the moved /run hides util-linux's utab, which would make mount report a failure.
 */
export function hostMountCommands(
  tools: Pick<LabTools, "nsenter" | "mount" | "mkdir" | "ln">,
  paths: HostPaths,
  withEtcDocker: boolean,
): SetupCommand[] {
  const inMnt = (argv: string[]) => [tools.nsenter, `--mount=${paths.mntFile}`, "--", ...argv];
  const commands: SetupCommand[] = [
    {
      what: "keep the cgroup mounts",
      argv: inMnt([tools.mount, "-n", "--rbind", "/sys/fs/cgroup", paths.stageCgroup]),
    },
    {
      what: "mount the host's own sysfs",
      argv: [
        tools.nsenter,
        `--mount=${paths.mntFile}`,
        `--net=${paths.netnsFile}`,
        "--",
        tools.mount,
        "-n",
        "-t",
        "sysfs",
        "cn-sysfs",
        "/sys",
      ],
    },
    { what: "restore /sys/fs/cgroup", argv: inMnt([tools.mount, "-n", "--move", paths.stageCgroup, "/sys/fs/cgroup"]) },
    {
      what: "create the host's /run",
      argv: inMnt([tools.mount, "-n", "-t", "tmpfs", "-o", "mode=0755,size=64m", "cn-run", paths.stageRun]),
    },
    {
      what: "populate the host's /run",
      argv: inMnt([tools.mkdir, "-p", `${paths.stageRun}/cn-lab`, `${paths.stageRun}/sshd`, `${paths.stageRun}/lock`]),
    },
    {
      what: "bind the lab run dir into the host",
      argv: inMnt([tools.mount, "-n", "--rbind", LAB_RUN_DIR, `${paths.stageRun}/cn-lab`]),
    },
    {
      what: "point /run/docker.sock at the host's dockerd",
      argv: inMnt([tools.ln, "-s", paths.dockerSocket, `${paths.stageRun}/docker.sock`]),
    },
    {
      what: "point /run/openvswitch at the host's own OVS",
      argv: inMnt([tools.ln, "-s", paths.ovsDir, `${paths.stageRun}/openvswitch`]),
    },
    { what: "move the host's /run in place", argv: inMnt([tools.mount, "-n", "--move", paths.stageRun, "/run"]) },
    {
      what: "give the host its resolv.conf",
      argv: inMnt([tools.mount, "-n", "--bind", paths.resolvConf, "/etc/resolv.conf"]),
    },
  ];
  if (withEtcDocker) {
    commands.push({
      what: "give the host its /etc/docker",
      argv: inMnt([tools.mount, "-n", "--bind", paths.etcDocker, "/etc/docker"]),
    });
  }
  return commands;
}

/**
 * Creates a host's directories and namespaces: network namespace `cn-<host>`, a persistent UTS
 * namespace with the design's host name, and a persistent private mount namespace (see
 * {@link hostMountCommands}); sets `net.ipv4.ip_forward=0` as on a fresh machine. Each namespace is
 * journaled before it is created.
 */
export async function createHostNamespaces(tools: LabTools, host: string, paths: HostPaths): Promise<void> {
  for (const dir of [paths.runDir, paths.stateDir]) recordIntent({ kind: "dir", path: dir });
  for (const dir of [paths.pidDir, paths.logDir, paths.sshDir, paths.dockerExecRoot, paths.dockerDataRoot]) {
    mkdirSync(dir, { recursive: true, mode: 0o755 });
  }
  mkdirSync(paths.etcDocker, { recursive: true, mode: 0o700 });
  mkdirSync(paths.stageRun, { recursive: true });
  mkdirSync(paths.stageCgroup, { recursive: true });
  writeFileSync(paths.resolvConf, resolvConf());

  recordIntent({ kind: "netns", name: paths.netns });
  await runChecked(`create namespace ${paths.netns}`, [tools.ip, "netns", "add", paths.netns]);
  await runChecked(`${host}: loopback`, [tools.ip, "-n", paths.netns, "link", "set", "lo", "up"]);
  await runChecked(`${host}: ip_forward=0`, [
    tools.nsenter,
    `--net=${paths.netnsFile}`,
    "--",
    tools.sysctl,
    "-q",
    "-w",
    "net.ipv4.ip_forward=0",
  ]);

  recordIntent({ kind: "ns-file", path: paths.utsFile });
  writeFileSync(paths.utsFile, "");
  await persistNamespace(`${host}: UTS namespace`, [tools.unshare, `--uts=${paths.utsFile}`, "--", "true"]);
  await runChecked(`${host}: hostname`, [tools.nsenter, `--uts=${paths.utsFile}`, "--", tools.hostname, host]);

  recordIntent({ kind: "ns-file", path: paths.mntFile });
  writeFileSync(paths.mntFile, "");
  await persistNamespace(`${host}: mount namespace`, [
    tools.unshare,
    `--mount=${paths.mntFile}`,
    "--propagation=private",
    "--",
    "true",
  ]);
  for (const command of hostMountCommands(tools, paths, existsSync("/etc/docker"))) {
    await runChecked(`${host}: ${command.what}`, command.argv);
  }
}

/**
 * `unshare --uts=FILE|--mount=FILE true`, retried: binding the new namespace's file now and then fails
 * with "Invalid argument" under load (seen on a busy 2-core machine); a second attempt succeeds.
 */
async function persistNamespace(what: string, argv: string[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const result = await runCommand(argv);
    if (result.code === 0) return;
    if (attempt >= 4 || !result.stderr.includes("Invalid argument")) break;
    await sleep(20 * attempt);
  }
  await runChecked(what, argv);
}
