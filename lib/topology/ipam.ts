import { type Cidr, contains, firstUsable, formatCidr, formatIp, lastUsable, overlaps, parseCidr, parseIp } from "./ip";
import { containersOn, entries, isGlobal, isSwarmOverlay, networkHosts, swarmHosts } from "./model";
import type { Network, Topology } from "./schema";

/**
 * Where a subnet or address comes from:
 * - `design`: written in the design;
 * - `predicted`: what Docker assigns, computed the way Docker does (its pools, lowest free address);
 * - `runtime`: only known once Docker assigned it (swarm allocates out of order): read it back.
 */
export type Source = "design" | "predicted" | "runtime";

export type SubnetPlan = { subnet?: string; gateway?: string; source: Source };

export type NetworkAddressing = {
  /** Per host the network exists on. Global networks have the same entry on every host. */
  perHost: Record<string, SubnetPlan>;
  /**
   * Global networks only: the one plan of every host, also for a host that runs none of its containers
   * (a swarm overlay is created on the manager, which may have none).
   */
  global?: SubnetPlan;
  /** True when Docker accepts `--ip` on it (only networks with a subnet you set). */
  userSubnet: boolean;
};

export type ContainerAddress = { ip?: string; source: Source | "fixed" };

export type Ipam = {
  networks: Record<string, NetworkAddressing>;
  /** container → network → address. */
  containers: Record<string, Record<string, ContainerAddress>>;
};

/** Docker's default pools for local networks: 172.17-31.0.0/16, then 192.168.0.0/16 cut in /20s. */
function* localPools(): Generator<Cidr> {
  for (let second = 17; second <= 31; second++) yield { network: parseIp(`172.${second}.0.0`) ?? 0, prefix: 16 };
  for (let third = 0; third < 256; third += 16) yield { network: parseIp(`192.168.${third}.0`) ?? 0, prefix: 20 };
}

/** Docker's default pool for global (overlay) networks: 10.0.0.0/8 cut in /24s. */
function* globalPools(): Generator<Cidr> {
  const base = parseIp("10.0.0.0") ?? 0;
  for (let i = 0; i < 65536; i++) yield { network: base + i * 256, prefix: 24 };
}

function designSubnet(network: Network, host: string): SubnetPlan | undefined {
  if (network.driver === "bridge" && network.subnets?.[host])
    return { subnet: network.subnets[host], gateway: gatewayFor(network.subnets[host]), source: "design" };
  const subnet = "subnet" in network ? network.subnet : undefined;
  if (!subnet) return undefined;
  const gateway = ("gateway" in network ? network.gateway : undefined) ?? gatewayFor(subnet);
  return { subnet, gateway, source: "design" };
}

function gatewayFor(subnet: string): string | undefined {
  const parsed = parseCidr(subnet, false);
  return parsed ? formatIp(firstUsable(parsed.cidr)) : undefined;
}

/**
 * Assigns subnets and container addresses the way Docker would, deterministically:
 * networks are created in document order, containers run in document order (first network at run time,
 * the others by `docker network connect` afterwards), each taking the lowest free address after the gateway.
 * Fixed addresses of the design are reserved first so a predicted one never takes them.
 */
export function assignAddresses(topology: Topology): Ipam {
  const networks: Record<string, NetworkAddressing> = Object.create(null);
  const used = new Map<string, Cidr[]>();
  const swarm = new Set(swarmHosts(topology));
  for (const host of Object.keys(topology.hosts)) {
    const taken: Cidr[] = [{ network: parseIp("172.17.0.0") ?? 0, prefix: 16 }];
    used.set(host, taken);
  }
  const explicit = entries(topology.networks).flatMap(([name, network]) =>
    networkHosts(topology, name).flatMap((host) => {
      const plan = designSubnet(network, host);
      const parsed = plan?.subnet ? parseCidr(plan.subnet, false) : undefined;
      return parsed ? [{ host, cidr: parsed.cidr }] : [];
    }),
  );
  for (const { host, cidr } of explicit) used.get(host)?.push(cidr);
  const globalTaken: Cidr[] = entries(topology.networks).flatMap(([, network]) => {
    const parsed =
      isGlobal(network) && "subnet" in network && network.subnet ? parseCidr(network.subnet, false) : undefined;
    return parsed ? [parsed.cidr] : [];
  });
  const gwbridgeDone = new Set<string>();
  const takeGwbridge = (host: string) => {
    if (gwbridgeDone.has(host)) return;
    gwbridgeDone.add(host);
    const taken = used.get(host) ?? [];
    const pool = [...localPools()].find((candidate) => !taken.some((t) => overlaps(t, candidate)));
    if (pool) taken.push(pool);
  };
  for (const host of swarm) takeGwbridge(host);

  for (const [name, network] of entries(topology.networks)) {
    const hosts = networkHosts(topology, name);
    const perHost: Record<string, SubnetPlan> = Object.create(null);
    const userSubnet = Boolean(designSubnet(network, hosts[0] ?? ""));
    if (isGlobal(network)) {
      let plan = designSubnet(network, "");
      if (!plan && isSwarmOverlay(network)) plan = { source: "runtime" };
      if (!plan && network.driver === "overlay") {
        const pool = [...takeFirst(globalPools(), (c) => !globalTaken.some((t) => overlaps(t, c)))][0];
        if (pool) {
          globalTaken.push(pool);
          plan = { subnet: formatCidr(pool), gateway: formatIp(firstUsable(pool)), source: "predicted" };
        }
      }
      plan ??= { source: "runtime" };
      for (const host of hosts) perHost[host] = plan;
      if (network.driver === "overlay") for (const host of hosts) takeGwbridge(host);
      networks[name] = { perHost, global: plan, userSubnet: plan.source === "design" };
      continue;
    } else {
      for (const host of hosts) {
        const plan = designSubnet(network, host);
        if (plan) perHost[host] = plan;
        else {
          const taken = used.get(host) ?? [];
          const pool = [...takeFirst(localPools(), (c) => !taken.some((t) => overlaps(t, c)))][0];
          if (pool) {
            taken.push(pool);
            perHost[host] = { subnet: formatCidr(pool), gateway: formatIp(firstUsable(pool)), source: "predicted" };
          } else perHost[host] = { source: "runtime" };
        }
      }
    }
    networks[name] = { perHost, userSubnet };
  }
  return { networks, containers: assignContainers(topology, networks) };
}

/** The subnet plan of `name` on `host`: its own entry, or a global network's one plan on a host without its containers. */
export function subnetPlanOn(ipam: Ipam, name: string, host: string): SubnetPlan | undefined {
  const addressing = ipam.networks[name];
  return addressing?.perHost[host] ?? addressing?.global;
}

/** Where Docker draws dynamic addresses from: the network's `ip_range` when it has one inside the subnet. */
function drawPool(network: Network | undefined, subnet: Cidr): Cidr {
  const text = network && "ip_range" in network ? network.ip_range : undefined;
  const range = text ? parseCidr(text, false)?.cidr : undefined;
  if (!range || range.prefix < subnet.prefix || !contains(subnet, range.network)) return subnet;
  // The prediction is passed with --ip, so which of the range's first addresses Docker itself would take
  // (versions differ on the range's own network address) does not change the result.
  return range;
}

function* takeFirst(pools: Generator<Cidr>, ok: (cidr: Cidr) => boolean): Generator<Cidr> {
  for (const pool of pools)
    if (ok(pool)) {
      yield pool;
      return;
    }
}

function assignContainers(topology: Topology, networks: Record<string, NetworkAddressing>) {
  const result: Record<string, Record<string, ContainerAddress>> = Object.create(null);
  const allocated = new Map<string, Set<number>>();
  const segment = (network: string, host: string) => {
    const definition = topology.networks?.[network];
    const shared =
      definition && (isGlobal(definition) || definition.driver === "macvlan" || definition.driver === "ovs");
    return shared ? network : `${network}@${host}`;
  };
  for (const [name] of entries(topology.networks))
    for (const [, container] of containersOn(topology, name)) {
      const ip = container.networks[name]?.ip;
      const value = ip ? parseIp(ip) : undefined;
      if (value === undefined) continue;
      const key = segment(name, container.host);
      const set = allocated.get(key) ?? new Set<number>();
      set.add(value);
      allocated.set(key, set);
    }
  const order: [string, string][] = [];
  for (const [containerName, container] of entries(topology.containers)) {
    const first = Object.keys(container.networks)[0];
    if (first) order.push([containerName, first]);
  }
  for (const [containerName, container] of entries(topology.containers))
    for (const net of Object.keys(container.networks).slice(1)) order.push([containerName, net]);

  for (const [containerName, net] of order) {
    const container = topology.containers?.[containerName];
    if (!container) continue;
    const entry: Record<string, ContainerAddress> = result[containerName] ?? Object.create(null);
    result[containerName] = entry;
    const fixed = container.networks[net]?.ip;
    if (fixed) {
      entry[net] = { ip: fixed, source: "fixed" };
      continue;
    }
    const definition = topology.networks?.[net];
    const plan = networks[net]?.perHost[container.host];
    const parsed = plan?.subnet ? parseCidr(plan.subnet, false) : undefined;
    // Swarm's allocator lives on the manager and also hands out one load-balancer address per node per
    // overlay (lb-NET) when the node first attaches: nothing but a fixed address is known before the run.
    if (!plan || !parsed || plan.source === "runtime" || (definition && isSwarmOverlay(definition))) {
      entry[net] = { source: "runtime" };
      continue;
    }
    const key = segment(net, container.host);
    const set = allocated.get(key) ?? new Set<number>();
    allocated.set(key, set);
    const gateway = plan.gateway ? parseIp(plan.gateway) : undefined;
    const pool = drawPool(definition, parsed.cidr);
    let candidate = firstUsable(pool);
    const last = lastUsable(pool);
    while (candidate <= last && (set.has(candidate) || candidate === gateway)) candidate++;
    if (candidate > last || !contains(parsed.cidr, candidate)) {
      entry[net] = { source: "runtime" };
      continue;
    }
    set.add(candidate);
    entry[net] = { ip: formatIp(candidate), source: "predicted" };
  }
  return result;
}
