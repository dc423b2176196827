/**
 * Command builders: every command a plan runs, as the argv a person would type. Data reaching these
 * has passed the schema (no leading '-', no control characters), so no value can read as an option.
 */

export const LABEL_KEY = "crossnet.topology";

export function labelOf(topology: string): string {
  return `${LABEL_KEY}=${topology}`;
}

export const ipCmd = {
  promiscOn: (nic: string) => ["ip", "link", "set", nic, "promisc", "on"],
  addVlan: (nic: string, name: string, vid: number) => [
    "ip",
    "link",
    "add",
    "link",
    nic,
    "name",
    name,
    "type",
    "vlan",
    "id",
    String(vid),
  ],
  up: (name: string) => ["ip", "link", "set", name, "up"],
  addAddress: (cidr: string, dev: string) => ["ip", "addr", "add", cidr, "dev", dev],
  addRoute: (dst: string, via: string) => ["ip", "route", "add", dst, "via", via],
  delRoute: (dst: string, via: string) => ["ip", "route", "del", dst, "via", via],
  ipForward: () => ["sysctl", "-w", "net.ipv4.ip_forward=1"],
  addTunnelLink: (
    name: string,
    type: "vxlan" | "gre",
    key: number,
    remote: string,
    local: string,
    dev: string,
    dstport = 4789,
  ) =>
    type === "vxlan"
      ? [
          "ip",
          "link",
          "add",
          name,
          "type",
          "vxlan",
          "id",
          String(key),
          "remote",
          remote,
          "local",
          local,
          "dstport",
          String(dstport),
          "dev",
          dev,
        ]
      : ["ip", "link", "add", name, "type", "gretap", "key", String(key), "remote", remote, "local", local],
};

/** iptables rule bodies (after the chain), tagged with a comment so destroy and drift find only ours. */
export function forwardAcceptSpec(inIface: string, bridge: string, topology: string): string[] {
  return ["-i", inIface, "-o", bridge, "-m", "comment", "--comment", labelOf(topology), "-j", "ACCEPT"];
}

export function natReturnSpec(source: string, destination: string, topology: string): string[] {
  return ["-s", source, "-d", destination, "-m", "comment", "--comment", labelOf(topology), "-j", "RETURN"];
}

export const iptablesCmd = {
  insert: (table: "filter" | "nat" | "mangle", chain: string, spec: string[]) =>
    table === "filter" ? ["iptables", "-I", chain, ...spec] : ["iptables", "-t", table, "-I", chain, ...spec],
  remove: (table: "filter" | "nat" | "mangle", chain: string, spec: string[]) =>
    table === "filter" ? ["iptables", "-D", chain, ...spec] : ["iptables", "-t", table, "-D", chain, ...spec],
};

export const dockerCmd = {
  swarmInit: (address: string) => ["docker", "swarm", "init", "--advertise-addr", address],
  swarmJoinToken: () => ["docker", "swarm", "join-token", "-q", "worker"],
  swarmJoin: (token: string, manager: string, address: string) => [
    "docker",
    "swarm",
    "join",
    "--token",
    token,
    "--advertise-addr",
    address,
    `${manager}:2377`,
  ],
  restart: () => ["systemctl", "restart", "docker"],
  /**
   * Waits (at most 30 s) until this host's dockerd has its KV-overlay gossip (serf, TCP 7946) listening,
   * read from the kernel's socket table (/proc/net/tcp: local port 1F0A in state 0A, LISTEN).
   */
  waitGossip: () => [
    "sh",
    "-c",
    "i=0; until grep -Eq '^ *[0-9]+: [0-9A-F]{8}:1F0A [0-9A-F]{8}:[0-9A-F]{4} 0A ' /proc/net/tcp; do i=$((i + 1)); if [ $i -ge 150 ]; then echo 'dockerd has no overlay gossip (serf, TCP 7946) listening after 30 s: check its cluster-store and cluster-advertise settings and its log' >&2; exit 1; fi; sleep 0.2; done",
  ],
  networkRm: (name: string) => ["docker", "network", "rm", name],
  rm: (name: string) => ["docker", "rm", "-f", name],
  start: (name: string) => ["docker", "start", name],
  connect: (network: string, container: string, ip?: string, aliases: string[] = []) => [
    "docker",
    "network",
    "connect",
    ...(ip ? ["--ip", ip] : []),
    ...aliases.flatMap((alias) => ["--alias", alias]),
    network,
    container,
  ],
  disconnect: (network: string, container: string) => ["docker", "network", "disconnect", "-f", network, container],
};

export type NetworkCreate = {
  name: string;
  driver: string;
  subnet?: string;
  gateway?: string;
  ipRange?: string;
  options: [string, string][];
  attachable?: boolean;
  ipamDriver?: string;
  topology: string;
};

/** `docker network create` in the tutorial's argument order: driver, subnet, gateway, options, name. */
export function networkCreate(spec: NetworkCreate): string[] {
  const argv = ["docker", "network", "create", "-d", spec.driver];
  if (spec.ipamDriver) argv.push("--ipam-driver", spec.ipamDriver);
  if (spec.subnet) argv.push("--subnet", spec.subnet);
  if (spec.gateway) argv.push("--gateway", spec.gateway);
  if (spec.ipRange) argv.push("--ip-range", spec.ipRange);
  for (const [key, value] of spec.options) argv.push("-o", `${key}=${value}`);
  if (spec.attachable) argv.push("--attachable");
  argv.push("--label", labelOf(spec.topology), spec.name);
  return argv;
}

export type ContainerRun = {
  name: string;
  image: string;
  network: string;
  ip?: string;
  aliases: string[];
  command: string[];
  topology: string;
  /** `-p` values (`8080:80/tcp`), already checked by the schema. */
  publish?: string[];
};

/**
 * Label holding a container's published ports as the design gave them (comma-separated), so a later
 * plan sees a changed `publish` and re-creates the container (Docker cannot change `-p` in place).
 * Absent when nothing is published: containers of designs without `publish` keep their labels.
 */
export const PUBLISH_LABEL = "crossnet.publish";

/** `docker run -itd` as in the tutorial: busybox's sh stays alive with a terminal and open stdin. */
export function containerRun(spec: ContainerRun): string[] {
  const argv = ["docker", "run", "-itd", "--name", spec.name];
  if (spec.ip) argv.push("--ip", spec.ip);
  argv.push("--network", spec.network);
  for (const alias of spec.aliases) argv.push("--network-alias", alias);
  const publish = spec.publish ?? [];
  for (const entry of publish) argv.push("-p", entry);
  if (publish.length) argv.push("--label", `${PUBLISH_LABEL}=${publish.join(",")}`);
  argv.push("--label", labelOf(spec.topology), spec.image, ...spec.command);
  return argv;
}

/**
 * The interface ovs-docker makes in the container for OVS bridge `bridge`. `eth1`, as in the tutorial,
 * when the container has no Docker network of its own (it runs with `--network none`) and this is its
 * first OVS network. Otherwise it is named after the bridge, never `ethN`: Docker names its own
 * interfaces eth0, eth1 … (a second network, or docker_gwbridge next to an overlay, is eth1), and
 * ovs-docker does not check its steps: renaming onto a taken name fails silently and the address lands
 * on Docker's interface.
 */
export function ovsInterface(bridge: string, alone = false): string {
  if (alone) return "eth1";
  return /^eth[0-9]+$/.test(bridge) ? `o${bridge}` : bridge;
}

export const ovsCmd = {
  addBridge: (bridge: string, datapath: "system" | "netdev") =>
    datapath === "netdev"
      ? ["ovs-vsctl", "--may-exist", "add-br", bridge, "--", "set", "bridge", bridge, "datapath_type=netdev"]
      : ["ovs-vsctl", "--may-exist", "add-br", bridge],
  addTunnel: (bridge: string, port: string, type: "vxlan" | "gre", remote: string, key: number) => [
    "ovs-vsctl",
    "--may-exist",
    "add-port",
    bridge,
    port,
    "--",
    "set",
    "interface",
    port,
    `type=${type}`,
    `options:remote_ip=${remote}`,
    `options:key=${key}`,
  ],
  addPort: (bridge: string, port: string) => ["ovs-vsctl", "--may-exist", "add-port", bridge, port],
  detach: (bridge: string, iface: string, container: string) => ["ovs-docker", "del-port", bridge, iface, container],
  attach: (bridge: string, iface: string, container: string, cidr: string, gateway?: string, mtu?: number) => [
    "ovs-docker",
    "add-port",
    bridge,
    iface,
    container,
    `--ipaddress=${cidr}`,
    ...(gateway ? [`--gateway=${gateway}`] : []),
    ...(mtu === undefined ? [] : [`--mtu=${mtu}`]),
  ],
};
