import type { Impairment, ImpairPoint } from "./impairment";

/**
 * The observed state of one host, as read by lib/observe before planning.
 * Plain data: the planner decides from this snapshot and never calls a host.
 * Everything read from a host is untrusted; lib/observe keeps only well-formed values.
 */
export type HostSnapshot = {
  host: string;
  /** False when the host could not be read; the planner then plans nothing for it. */
  reachable: boolean;
  error?: string;
  links: ObservedLink[];
  /** IPv4 routes of the main table (not the kernel's connected routes). */
  routes: ObservedRoute[];
  ipForward: boolean;
  /** iptables rules Crossnet manages, as argv after the chain, e.g. ["-i","ens33","-o","br_net","-j","ACCEPT"]. */
  rules: ObservedRule[];
  docker: ObservedDocker;
  ovs: ObservedOvsBridge[];
  /** Impairments Crossnet put on this host's interfaces and its containers' (absent: none read). */
  impairments?: ObservedImpairment[];
  /** /etc/docker/daemon.json and Crossnet's backup of it; absent when not read (a fresh host in `crossnet plan`). */
  daemonJson?: ObservedDaemonJson;
};

/**
 * The host's /etc/docker/daemon.json as read before planning (untrusted text), and whether Crossnet
 * already kept the original: a copy (`copy`), or a marker that there was no file (`none`).
 */
export type ObservedDaemonJson = {
  /** The file's text; absent when there is no file. */
  text?: string;
  /** The file exists but could not be read whole (why). */
  unreadable?: string;
  backup?: "copy" | "none";
};

export type ObservedLink = {
  name: string;
  /** `vlan` for kernel 802.1q devices; `ovs-internal` for OVS internal ports (the lab's VLAN stand-ins). */
  kind: "physical" | "vlan" | "ovs-internal" | "bridge" | "veth" | "vxlan" | "macvlan" | "other";
  /** For `vlan` / tagged `ovs-internal`: parent NIC and VLAN id. */
  parent?: string;
  vid?: number;
  promisc: boolean;
  up: boolean;
  /** IPv4 addresses in CIDR form. */
  addresses: string[];
  /** The interface's alias when it is a Crossnet label (`crossnet.topology=NAME`, set on macvlan shims). */
  alias?: string;
};

export type ObservedRoute = { dst: string; via?: string; dev?: string };

export type ObservedRule = {
  table: "filter" | "nat" | "mangle";
  chain: string;
  spec: string[];
  /** The rule sits below one that decides first (a NAT exemption under Docker's MASQUERADE): it has no effect. */
  shadowed?: boolean;
};

export type ObservedDocker = {
  /**
   * The engine as the host reported it (`GET /version`): e.g. `{ version: "26.1.5+dfsg1", apiVersion: "1.45" }`.
   * Absent when unknown (a fresh host in `crossnet plan`, or a daemon that did not say): the planner then
   * assumes nothing about it.
   */
  engine?: ObservedEngine;
  /** Daemon settings that matter to the planner. */
  clusterStore?: string;
  clusterAdvertise?: string;
  swarm: ObservedSwarm;
  networks: ObservedNetwork[];
  containers: ObservedContainer[];
};

/** A Docker engine's version and the newest API version it serves (both as the engine spells them). */
export type ObservedEngine = { version: string; apiVersion: string };

export type ObservedSwarm =
  | { state: "inactive" }
  | { state: "active"; nodeId: string; clusterId?: string; manager: boolean; managerAddr?: string };

export type ObservedNetwork = {
  id: string;
  name: string;
  driver: string;
  scope: "local" | "global" | "swarm";
  subnet?: string;
  gateway?: string;
  /** `-o parent=` of macvlan networks. */
  parent?: string;
  /** `com.docker.network.bridge.name` of bridge networks. */
  bridgeName?: string;
  attachable?: boolean;
  labels: Record<string, string>;
};

export type ObservedContainer = {
  id: string;
  name: string;
  image: string;
  running: boolean;
  labels: Record<string, string>;
  /** Network name to the container's IPv4 address on it (no prefix). */
  networks: Record<string, { ip?: string; aliases: string[] }>;
};

export type ObservedOvsBridge = {
  name: string;
  ports: { name: string; type: string; tag?: number; remoteIp?: string; key?: string; container?: string }[];
};

/** Snapshot of every host of a design, keyed by host name. */
export type Observed = Record<string, HostSnapshot>;

/** A snapshot of a fresh host: what `crossnet plan` assumes (nothing there yet). */
export function freshHost(host: string): HostSnapshot {
  return {
    host,
    reachable: true,
    links: [],
    routes: [],
    ipForward: false,
    rules: [],
    docker: { swarm: { state: "inactive" }, networks: [], containers: [] },
    ovs: [],
  };
}

/**
 * A link impairment Crossnet put on a point (see lib/plan/impairment): a root qdisc with Crossnet's
 * handle, or a loss rule with Crossnet's comment. `pid` is the container's process for container
 * points (the clear command enters its network namespace by it).
 */
export type ObservedImpairment = {
  point: ImpairPoint;
  impairment: Impairment;
  pid?: number;
};
