import { t } from "../i18n/text";
import { entries, findInterface, networkHosts, underlayPath } from "../topology/model";
import type { Topology } from "../topology/schema";
import { dockerCmd, ipCmd, LABEL_KEY, ovsCmd } from "./commands";
import type { PlanContext } from "./context";
import { hasClusterStore } from "./engine";

/** `etcd://node-1:2379` → `etcd://192.168.0.101:2379`, resolving a design host to its address as seen from `from`. */
export function resolveKv(
  ctx: PlanContext,
  kv: string,
  from: string,
): { url: string; kvHost?: string; address?: string } {
  const match = /^([a-z]+):\/\/([^:]+):([0-9]+)$/.exec(kv);
  if (!match) return { url: kv };
  const [, scheme, host = "", port] = match;
  if (!(host in ctx.topology.hosts)) return { url: kv, address: host };
  const path = underlayPath(ctx.topology.hosts[from], ctx.topology.hosts[host]);
  const address = path?.toAddress ?? firstAddress(ctx, host);
  return { url: `${scheme}://${address ?? host}:${port}`, kvHost: host, address };
}

function firstAddress(ctx: PlanContext, host: string): string | undefined {
  for (const [, nic] of entries(ctx.topology.hosts[host]?.nics)) {
    if (nic.address) return nic.address.split("/")[0];
    for (const [, vlan] of entries(nic.vlans)) if (vlan.address) return vlan.address.split("/")[0];
  }
  return undefined;
}

/** Dockerd's --cluster-store / --cluster-advertise for KV-store overlays (Docker 20.10 and older). */
export function planDaemons(ctx: PlanContext): void {
  const hosts = ctx.kvHosts();
  const started = new Set<string>();
  for (const [host, kv] of hosts) {
    // A Docker 23+ host gets a conflict (planEngineChecks) and no cluster store: dockerd would not start.
    if (!ctx.reachable(host) || !hasClusterStore(ctx.snapshot(host).docker.engine)) continue;
    const resolved = resolveKv(ctx, kv, host);
    if (ctx.options.kvProvided && ctx.options.kvUrl) resolved.url = ctx.options.kvUrl;
    const kvHost = resolved.kvHost;
    const path =
      kvHost && kvHost !== host ? underlayPath(ctx.topology.hosts[host], ctx.topology.hosts[kvHost]) : undefined;
    const advertiseIface = path?.fromIface ?? firstIface(ctx, host);
    const advertise = `${advertiseIface}:2376`;
    let kvStep: string | undefined;
    if (kvHost && !ctx.options.kvProvided && !started.has(kvHost)) {
      started.add(kvHost);
      kvStep = planKvStore(ctx, kv, kvHost, resolved.address ?? kvHost);
    } else if (kvHost) kvStep = `kv:${kvHost}/start-kv-store`;
    const docker = ctx.snapshot(host).docker;
    const advertiseAddress = addressOfIface(ctx, host, advertiseIface);
    const advertised =
      docker.clusterAdvertise === advertise ||
      (advertiseAddress !== undefined && docker.clusterAdvertise === `${advertiseAddress}:2376`);
    if (docker.clusterStore === resolved.url && advertised) continue;
    const resourceId = `daemon@${host}`;
    const written = ctx.add({
      phase: "daemon",
      host,
      kind: "set-cluster-store",
      resourceId,
      action: "~",
      cause: docker.clusterStore ? t`cluster store is ${docker.clusterStore}` : t`no cluster store`,
      argv: dockerCmd.writeDaemonJson(),
      stdin: `${JSON.stringify({ "cluster-store": resolved.url, "cluster-advertise": advertise }, null, 2)}\n`,
      explain: t`Tells dockerd where the KV store is (${resolved.url}) and which address to advertise to the other hosts (${advertise}). The tutorial edited ExecStart in docker.service and also opened -H tcp://0.0.0.0:2376; Crossnet leaves that out: an unauthenticated Docker API on the network is root for anyone who reaches it.`,
      dependsOn: kvStep ? [kvStep] : [],
    });
    ctx.add({
      phase: "daemon",
      host,
      kind: "restart-docker",
      resourceId,
      action: "~",
      cause: t`new daemon settings`,
      argv: dockerCmd.restart(),
      explain: t`Restarts dockerd so it registers with the KV store (running containers stop unless they have a restart policy).`,
      dependsOn: [written],
    });
  }
}

/** The container that serves a KV store on a design host, as {@link kvStoreStep} names it. */
export function kvStoreName(kv: string): string {
  return kv.startsWith("consul://") ? "consul" : "etcd";
}

/** `name@host` of the KV store containers the design needs (none when the environment provides the store). */
export function designKvStores(ctx: PlanContext): Set<string> {
  const stores = new Set<string>();
  if (ctx.options.kvProvided) return stores;
  for (const [host, kv] of ctx.kvHosts()) {
    const kvHost = resolveKv(ctx, kv, host).kvHost;
    if (kvHost) stores.add(`${kvStoreName(kv)}@${kvHost}`);
  }
  return stores;
}

/** Starts the KV store on its host unless it already runs there; returns the step that makes it ready. */
function planKvStore(ctx: PlanContext, kv: string, kvHost: string, address: string): string | undefined {
  if (!ctx.reachable(kvHost)) return undefined;
  const name = kvStoreName(kv);
  const existing = ctx.snapshot(kvHost).docker.containers.find((candidate) => candidate.name === name);
  if (!existing) return ctx.add(kvStoreStep(ctx, kv, kvHost, address));
  if (existing.labels[LABEL_KEY] !== ctx.topology.name) {
    ctx.conflict({
      host: kvHost,
      resourceId: `kv:${kvHost}`,
      message: t`a container named ${name} already exists on ${kvHost} and was not created by Crossnet`,
      hint: t`Remove it by hand ('docker rm -f ${name}'), or run the store elsewhere and name that host in the overlay's control.`,
    });
    return undefined;
  }
  if (existing.running) return undefined;
  return ctx.add({
    phase: "daemon",
    host: kvHost,
    kind: "start-container",
    resourceId: `kv:${kvHost}`,
    action: "~",
    cause: t`stopped`,
    argv: dockerCmd.start(name),
    explain: t`Starts the ${name} KV store again; it exists but is not running.`,
  });
}

function kvStoreStep(ctx: PlanContext, kv: string, kvHost: string, address: string) {
  const consul = kv.startsWith("consul://");
  return {
    phase: "daemon" as const,
    host: kvHost,
    kind: "start-kv-store" as const,
    resourceId: `kv:${kvHost}`,
    action: "+" as const,
    cause: t`missing`,
    argv: consul
      ? [
          "docker",
          "run",
          "-d",
          "-p",
          "8500:8500",
          "-h",
          "consul",
          "--name",
          "consul",
          "--label",
          `crossnet.topology=${ctx.topology.name}`,
          "progrium/consul",
          "-server",
          "-bootstrap",
        ]
      : [
          "docker",
          "run",
          "-d",
          "-p",
          "2379:2379",
          "--name",
          "etcd",
          "--label",
          `crossnet.topology=${ctx.topology.name}`,
          "quay.io/coreos/etcd:v3.4.34",
          "etcd",
          "--enable-v2",
          "--listen-client-urls",
          "http://0.0.0.0:2379",
          "--advertise-client-urls",
          `http://${address}:2379`,
        ],
    explain: consul
      ? t`Starts Consul, the key-value store where the overlay keeps its networks, endpoints and addresses (as in the tutorial).`
      : t`Starts etcd with its v2 API (dockerd 20.10 speaks only v2), the key-value store where the overlay keeps its networks, endpoints and addresses.`,
  };
}

/** Docker reports --cluster-advertise resolved to an address: accept either form. */
function addressOfIface(ctx: PlanContext, host: string, iface: string): string | undefined {
  const found = findInterface(ctx.topology.hosts[host], iface);
  return found?.address?.split("/")[0];
}

function firstIface(ctx: PlanContext, host: string): string {
  for (const [name, nic] of entries(ctx.topology.hosts[host]?.nics)) {
    if (nic.address) return name;
    for (const [vid, vlan] of entries(nic.vlans)) if (vlan.address) return `${name}.${vid}`;
  }
  return Object.keys(ctx.topology.hosts[host]?.nics ?? {})[0] ?? "eth0";
}

/** Swarm for swarm-mode overlays: the first participating host initialises, the others join as workers. */
export function planSwarm(ctx: PlanContext): void {
  const [manager, ...workers] = ctx.swarmHosts();
  if (!manager) return;
  const managerState = ctx.snapshot(manager).docker.swarm;
  const managerAddress =
    workers
      .map((worker) => underlayPath(ctx.topology.hosts[worker], ctx.topology.hosts[manager])?.toAddress)
      .find(Boolean) ?? firstAddress(ctx, manager);
  if (!managerAddress) return;
  let init: string | undefined;
  if (managerState.state !== "active" && ctx.reachable(manager))
    init = ctx.add({
      phase: "swarm-init",
      host: manager,
      kind: "swarm-init",
      resourceId: `swarm@${manager}`,
      action: "+",
      cause: t`not in a swarm`,
      argv: dockerCmd.swarmInit(managerAddress),
      explain: t`Makes ${manager} a swarm manager. Swarm replaces the tutorial's KV store: managers keep the overlay networks and hand out addresses.`,
    });
  else if (managerState.state === "active" && !managerState.manager)
    ctx.conflict({
      host: manager,
      resourceId: `swarm@${manager}`,
      message: t`${manager} should manage the swarm but is a worker of another swarm`,
      hint: t`Run 'docker swarm leave' on ${manager}, or make it a manager ('docker node promote').`,
    });
  const managerCluster = managerState.state === "active" ? managerState.clusterId : undefined;
  for (const worker of workers) {
    if (!ctx.reachable(worker)) continue;
    const state = ctx.snapshot(worker).docker.swarm;
    if (state.state === "active") {
      if (managerCluster && state.clusterId && state.clusterId !== managerCluster)
        ctx.conflict({
          host: worker,
          resourceId: `swarm@${worker}`,
          message: t`${worker} is in another swarm than ${manager}`,
          hint: t`Run 'docker swarm leave --force' on ${worker}, then apply again.`,
        });
      continue;
    }
    const address =
      underlayPath(ctx.topology.hosts[worker], ctx.topology.hosts[manager])?.fromAddress ??
      firstAddress(ctx, worker) ??
      "";
    ctx.add({
      phase: "swarm-join",
      host: worker,
      kind: "swarm-join",
      resourceId: `swarm@${worker}`,
      action: "+",
      cause: t`not in the swarm`,
      argv: dockerCmd.swarmJoin("{{SWARM_WORKER_TOKEN}}", managerAddress, address),
      inputs: [
        {
          name: "SWARM_WORKER_TOKEN",
          host: manager,
          argv: dockerCmd.swarmJoinToken(),
          explain: t`The worker join token, printed on ${manager} by 'docker swarm join-token -q worker'.`.en,
        },
      ],
      explain: t`Joins ${worker} to ${manager}'s swarm as a worker, so it can attach containers to the swarm's overlay networks.`,
      dependsOn: init ? [init] : [],
    });
  }
}

/**
 * An OVS bridge per host, joined in a star: the network's first host (the hub) has a tunnel port to
 * every other host, each other host one to the hub. A full mesh of tunnels is a loop once three hosts
 * take part (OVS floods a broadcast from one tunnel into the others, and it comes back around); a star
 * is a tree, and the hub switches frames between the other hosts.
 */
export function planOvs(ctx: PlanContext): void {
  const datapath = ctx.options.ovsDatapath ?? "system";
  for (const [name, network] of entries(ctx.topology.networks)) {
    if (network.driver !== "ovs") continue;
    const bridge = network.bridge ?? name;
    const tunnel = network.tunnel ?? "vxlan";
    const hosts = ctx.networkHosts(name);
    for (const host of hosts) {
      if (!ctx.reachable(host)) continue;
      const observed = ctx.snapshot(host).ovs.find((candidate) => candidate.name === bridge);
      const resourceId = `ovs:${bridge}@${host}`;
      const created = observed
        ? undefined
        : ctx.add({
            phase: "ovs",
            host,
            kind: "create-ovs-bridge",
            resourceId,
            action: "+",
            cause: t`missing`,
            argv: ovsCmd.addBridge(bridge, datapath),
            explain:
              datapath === "netdev"
                ? t`Creates the Open vSwitch bridge ${bridge} in OVS's userspace datapath (this machine has no OVS kernel module).`
                : t`Creates the Open vSwitch bridge ${bridge}, a virtual switch the containers of '${name}' plug into.`,
          });
      hosts.forEach((peer, index) => {
        if (peer === host || (host !== hosts[0] && peer !== hosts[0])) return;
        const spoke = host === hosts[0] ? index : hosts.indexOf(host);
        const path = underlayPath(ctx.topology.hosts[host], ctx.topology.hosts[peer]);
        if (!path) return;
        const key = network.vni ?? 100;
        const port = ovsTunnelPort(ctx.topology, name, host, peer, index);
        const existing = observed?.ports.find((candidate) => candidate.name === port);
        if (datapath === "netdev") {
          planKernelTunnel(ctx, {
            host,
            bridge,
            port,
            tunnel,
            key,
            remote: path.toAddress,
            local: path.fromAddress,
            dev: path.fromIface,
            peer,
            dstport: VXLAN_PORT + spoke - 1,
            created,
            existing: Boolean(existing),
          });
          return;
        }
        if (existing && existing.remoteIp === path.toAddress) return;
        ctx.add({
          phase: "ovs",
          host,
          kind: "add-ovs-tunnel",
          resourceId: `ovs:${bridge}:${port}@${host}`,
          action: existing ? "~" : "+",
          cause: existing ? t`tunnel endpoint differs` : t`missing`,
          argv: ovsCmd.addTunnel(bridge, port, tunnel, path.toAddress, key),
          explain: t`Adds a ${tunnel.toUpperCase()} tunnel port from ${bridge} to ${peer} (${path.toAddress}): frames for containers on ${peer} travel inside UDP/IP packets between the hosts.`,
          dependsOn: created ? [created] : [],
        });
      });
    }
  }
}

type KernelTunnel = {
  host: string;
  bridge: string;
  port: string;
  tunnel: "vxlan" | "gre";
  key: number;
  remote: string;
  local: string;
  dev: string;
  peer: string;
  /** UDP port of a VXLAN link: 4789 for the hub's first link, one more for each further one. */
  dstport: number;
  created: string | undefined;
  existing: boolean;
};

/**
 * Userspace OVS (the lab: no OVS kernel module) does not send its own VXLAN/GRE ports out of a NIC it
 * does not own, so the tunnel is the kernel's: a vxlan (or gretap) device to the peer, added to the
 * bridge as a plain port. Same frames on the wire. The kernel takes one VXLAN device per VNI and UDP
 * port, so the hub's links to its second, third … host use UDP ports 4790, 4791 …
 */
function planKernelTunnel(ctx: PlanContext, tun: KernelTunnel): void {
  if (tun.tunnel === "gre") {
    // Measured: the lab's kernel has no GRE devices ('ip link add … type gretap' says "Unknown device
    // type"), and userspace OVS only tunnels over a NIC it owns. Say so instead of planning a failing step.
    ctx.conflict({
      host: tun.host,
      resourceId: `link:${tun.port}@${tun.host}`,
      message: t`the lab cannot build GRE tunnel ${tun.port} of ${tun.bridge}: its kernel has no GRE (gretap) devices, and userspace OVS only tunnels over a NIC it owns`,
      hint: t`On the lab, use tunnel: vxlan for this OVS network (the same bridges, VXLAN frames on the wire); GRE works on hosts with the OVS kernel module.`,
    });
    return;
  }
  const links = ctx.snapshot(tun.host).links;
  const link = links.find((candidate) => candidate.name === tun.port);
  const linkId = `link:${tun.port}@${tun.host}`;
  const made = link
    ? undefined
    : ctx.add({
        phase: "ovs",
        host: tun.host,
        kind: "create-tunnel-link",
        resourceId: linkId,
        action: "+",
        cause: t`missing`,
        argv: ipCmd.addTunnelLink(tun.port, tun.tunnel, tun.key, tun.remote, tun.local, tun.dev, tun.dstport),
        explain: t`Creates the kernel ${tun.tunnel === "vxlan" ? "VXLAN" : "GRE"} device ${tun.port} toward ${tun.peer} (${tun.remote}): frames put into it travel inside ${tun.tunnel === "vxlan" ? t`UDP port ${tun.dstport}` : "GRE"} packets over ${tun.dev}.`,
      });
  if (!link?.up)
    ctx.add({
      phase: "ovs",
      host: tun.host,
      kind: "set-link-up",
      resourceId: linkId,
      action: "~",
      cause: link ? t`down` : t`new`,
      argv: ipCmd.up(tun.port),
      explain: t`Brings ${tun.port} up.`,
      dependsOn: made ? [made] : [],
    });
  if (tun.existing) return;
  ctx.add({
    phase: "ovs",
    host: tun.host,
    kind: "add-ovs-tunnel",
    resourceId: `ovs:${tun.bridge}:${tun.port}@${tun.host}`,
    action: "+",
    cause: t`missing`,
    argv: ovsCmd.addPort(tun.bridge, tun.port),
    explain: t`Adds ${tun.port} to ${tun.bridge}, so frames for containers on ${tun.peer} leave through the tunnel.`,
    dependsOn: [...(tun.created ? [tun.created] : []), ...(made ? [made] : [])],
  });
}

const VXLAN_PORT = 4789;

/**
 * The tunnel port (and, on the lab, kernel device) of OVS network `network` on `host` toward `peer`
 * (`index`: the peer's position among the network's hosts): `vx-node-2`. When several OVS networks join
 * the same two hosts it also carries the network's key (`vx100-node-2`): port and device names are per
 * host, not per bridge, so they would otherwise both ask for `vx-node-2`. A design with one OVS network
 * keeps the plain name, so hosts applied before keep their tunnel (a second, renamed tunnel to the same
 * peer on the same bridge would loop broadcasts). Pure; the test snapshots use it too.
 */
export function ovsTunnelPort(topology: Topology, network: string, host: string, peer: string, index: number): string {
  const definition = topology.networks?.[network];
  if (definition?.driver !== "ovs") return "";
  const shared =
    entries(topology.networks).filter(([name, other]) => {
      if (other.driver !== "ovs") return false;
      const hosts = networkHosts(topology, name);
      return hosts.includes(host) && hosts.includes(peer);
    }).length > 1;
  const prefix = `${definition.tunnel === "gre" ? "gre" : "vx"}${shared ? (definition.vni ?? 100) : ""}`;
  const named = `${prefix}-${peer}`;
  return new TextEncoder().encode(named).length <= 15 ? named : `${prefix}-h${index}`;
}
