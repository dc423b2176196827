import "server-only";

/**
 * Where the lab keeps its state and how it names things. Everything the lab creates outside the
 * emulated hosts carries the `cn-` prefix, so `lab down` can find leftovers after a crash.
 */

/** Sockets, pid files and the exec-roots of the hosts' dockerds (the hosts see it too). */
export const LAB_RUN_DIR = "/run/cn-lab";
/** Persistent UTS and mount namespace files, kept out of {@link LAB_RUN_DIR} (which hosts bind in). */
export const LAB_NS_DIR = "/run/cn-lab-ns";
/** Docker data roots, etcd data, keys, configs, logs; its creation is the "a lab exists" lock. */
export const LAB_STATE_DIR = "/var/lib/cn-lab";
/** Append-only record of what was (about to be) created, written before each creation. */
export const LAB_JOURNAL = `${LAB_STATE_DIR}/journal.jsonl`;
/** Summary of the running lab, read by `labStatus`. */
export const LAB_INFO_FILE = `${LAB_STATE_DIR}/lab.json`;

/** Prefix of every netns, root-namespace link and cgroup the lab creates. */
export const LAB_PREFIX = "cn-";
/** The namespace that plays the physical switches. */
export const SWITCH_NETNS = "cn-sw";
/** Linux bridge in {@link SWITCH_NETNS} joining every data NIC (forwards 802.1Q-tagged frames). */
export const DATA_BRIDGE = "br-data";
/** Linux bridge in {@link SWITCH_NETNS} joining the management NICs and this machine. */
export const MGMT_BRIDGE = "br-mgmt";
/** Root-namespace end of the management veth. */
export const MGMT_LINK = "cn-mgmt";
/** Switch-namespace end of the management veth. */
export const MGMT_LINK_PEER = "cn-mgmt-sw";
/** Management NIC name inside each host. */
export const HOST_MGMT_NIC = "mgmt0";

/** Management subnet: RFC 2544 benchmarking space, never routed on the Internet. */
export const MGMT_SUBNET = "198.18.0.0/24";
export const MGMT_PREFIX_LEN = 24;
/** This machine's address on the management network. */
export const MGMT_GATEWAY = "198.18.0.1";
/** Covered by a `prohibit` route in the root namespace so lab traffic never leaves by the uplink. */
export const MGMT_PROHIBIT = "198.18.0.0/15";
export const MGMT_PROHIBIT_METRIC = 4000;
/** Most hosts one lab may have (management addresses .11 to .210). */
export const MAX_LAB_HOSTS = 200;
/** Longest host name the lab accepts (unix socket paths under the run dir are limited to 108 bytes). */
export const MAX_HOST_NAME = 32;

/** Management address of the host at 0-based `index`: 198.18.0.11, .12, … */
export function mgmtAddress(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_LAB_HOSTS) {
    throw new RangeError(`host index ${index} is outside 0..${MAX_LAB_HOSTS - 1}`);
  }
  return `198.18.0.${11 + index}`;
}

/** Network namespace of a host. */
export function hostNetns(host: string): string {
  return `${LAB_PREFIX}${host}`;
}

/** Cgroup parent of a host's containers (one directory per cgroup v1 controller, or in the v2 tree). */
export function hostCgroupParent(host: string): string {
  return `${LAB_PREFIX}${host}`;
}

/** Switch-side veth name of data NIC `nic` (0-based) of host `index` (0-based); at most 15 bytes. */
export function switchPortName(index: number, nic: number): string {
  return `cn-h${index + 1}-n${nic}`;
}

/** Switch-side veth name of the management NIC of host `index` (0-based). */
export function switchMgmtPortName(index: number): string {
  return `cn-h${index + 1}-m`;
}

/** Userspace OVS bridge that carries the VLANs of data NIC `nic` inside a host. */
export function ovsBridgeName(nic: number): string {
  return `cnovs${nic}`;
}

/** Name of an 802.1q sub-interface inside a host, e.g. `ens33.10`. */
export function vlanIfName(nic: string, vid: number): string {
  return `${nic}.${vid}`;
}

/** Every path of one emulated host. */
export type HostPaths = {
  netns: string;
  netnsFile: string;
  utsFile: string;
  mntFile: string;
  /** Empty directories where the host's private /run and /sys/fs/cgroup are staged before moving. */
  stageRun: string;
  stageCgroup: string;
  runDir: string;
  stateDir: string;
  pidDir: string;
  logDir: string;
  dockerSocket: string;
  dockerExecRoot: string;
  dockerDataRoot: string;
  dockerConfig: string;
  etcDocker: string;
  /** Programs first in PATH for SSH sessions (the `systemctl` stand-in). */
  binDir: string;
  resolvConf: string;
  sshDir: string;
  sshdConfig: string;
  sshHostKey: string;
  authorizedKeys: string;
  ovsDir: string;
  etcdDataDir: string;
};

/** Paths of `host` (validated name). */
export function hostPaths(host: string): HostPaths {
  const runDir = `${LAB_RUN_DIR}/${host}`;
  const stateDir = `${LAB_STATE_DIR}/${host}`;
  const sshDir = `${stateDir}/ssh`;
  return {
    netns: hostNetns(host),
    netnsFile: `/run/netns/${hostNetns(host)}`,
    utsFile: `${LAB_NS_DIR}/${host}.uts`,
    mntFile: `${LAB_NS_DIR}/${host}.mnt`,
    stageRun: `${LAB_NS_DIR}/${host}.run`,
    stageCgroup: `${LAB_NS_DIR}/${host}.cgroup`,
    runDir,
    stateDir,
    pidDir: `${runDir}/pids`,
    logDir: `${stateDir}/log`,
    dockerSocket: `${runDir}/docker.sock`,
    dockerExecRoot: `${runDir}/docker`,
    dockerDataRoot: `${stateDir}/docker`,
    // Inside the host this is /etc/docker/daemon.json (the etc-docker bind): apply edits what dockerd reads.
    dockerConfig: `${stateDir}/etc-docker/daemon.json`,
    etcDocker: `${stateDir}/etc-docker`,
    binDir: `${stateDir}/bin`,
    resolvConf: `${stateDir}/resolv.conf`,
    sshDir,
    sshdConfig: `${sshDir}/sshd_config`,
    sshHostKey: `${sshDir}/ssh_host_ed25519_key`,
    authorizedKeys: `${sshDir}/authorized_keys`,
    ovsDir: `${runDir}/ovs`,
    etcdDataDir: `${stateDir}/etcd`,
  };
}

/** Pid file of one of the daemons the lab starts in a host. */
export function daemonPidFile(host: string, daemon: LabDaemon): string {
  return `${hostPaths(host).pidDir}/${daemon}.pid`;
}

/** Log file of one of the daemons the lab starts in a host. */
export function daemonLogFile(host: string, daemon: LabDaemon): string {
  return `${hostPaths(host).logDir}/${daemon}.log`;
}

/** Daemons the lab may start inside a host, in start order. */
export const LAB_DAEMONS = ["ovsdb-server", "ovs-vswitchd", "dnsmasq", "etcd", "dockerd", "sshd"] as const;
export type LabDaemon = (typeof LAB_DAEMONS)[number];
