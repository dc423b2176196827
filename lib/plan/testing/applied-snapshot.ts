import { addressOf, parseCidr } from "../../topology/ip";
import { assignAddresses, type Ipam, subnetPlanOn } from "../../topology/ipam";
import {
  entries,
  interfacesOf,
  isGlobal,
  isSwarmOverlay,
  kvHosts,
  networkHosts,
  swarmHosts,
  underlayPath,
} from "../../topology/model";
import type { Network, Topology } from "../../topology/schema";
import { forwardAcceptSpec, LABEL_KEY, natReturnSpec, PUBLISH_LABEL } from "../commands";
import { kvFirewallRules, kvPort } from "../kv-firewall";
import type {
  HostSnapshot,
  Observed,
  ObservedContainer,
  ObservedLink,
  ObservedNetwork,
  ObservedOvsBridge,
} from "../observed";
import { ingressInterfaces } from "../plan-host";
import { ovsTunnelPort } from "../plan-tunnels";

export type AppliedOptions = {
  ipam?: Ipam;
  /** The KV store was provided by the environment (the lab): no store container on the KV host. */
  kvProvided?: boolean;
  /** The store the environment serves (PlanOptions.kvUrl): its port is the one firewalled. */
  kvUrl?: string;
};

/**
 * What each host of a design reports after its plan ran on fresh hosts: links with promiscuous mode,
 * VLANs and addresses; the routes, forwarding and tagged iptables rules of routed bridges; dockerd's
 * cluster store; swarm membership; Docker's networks (Crossnet's, labelled, plus Docker's own
 * unlabelled `bridge`, `host`, `none`, `docker_gwbridge`, `ingress`); the containers with their
 * addresses; OVS bridges with tunnel and container ports.
 *
 * Written from the design and from what Docker, iproute2 and OVS show, not from the plan's steps,
 * so that "planning against it gives no steps" tests the planner rather than restating it.
 */
export function appliedSnapshot(topology: Topology, options: AppliedOptions = {}): Observed {
  const ipam = options.ipam ?? assignAddresses(topology);
  const observed: Observed = {};
  for (const host of Object.keys(topology.hosts)) observed[host] = hostAfterApply(topology, ipam, host, options);
  return observed;
}

function hostAfterApply(topology: Topology, ipam: Ipam, host: string, options: AppliedOptions): HostSnapshot {
  const swarm = swarmHosts(topology);
  const swarmIndex = swarm.indexOf(host);
  const kv = kvHosts(topology).get(host);
  const cluster = kv ? clusterStore(topology, host, kv) : undefined;
  return {
    host,
    reachable: true,
    links: linksOf(topology, host),
    routes: routesOf(topology, host),
    // dockerd turns forwarding on when it starts.
    ipForward: true,
    rules: [...kvFirewallOf(topology, host, options), ...rulesOf(topology, host)],
    docker: {
      ...(cluster ? { clusterStore: cluster.store, clusterAdvertise: cluster.advertise } : {}),
      swarm:
        swarmIndex < 0
          ? { state: "inactive" }
          : {
              state: "active",
              nodeId: `node-id-${host}`,
              clusterId: "swarm-cluster-id",
              manager: swarmIndex === 0,
              ...(swarmIndex === 0 ? { managerAddr: `${managerAddress(topology, swarm) ?? ""}:2377` } : {}),
            },
      networks: networksOf(topology, ipam, host, swarmIndex >= 0),
      containers: [
        ...containersOf(topology, ipam, host),
        ...kvStoreContainers(topology, host, options),
        unlabelledContainer(host),
      ],
    },
    ovs: ovsOf(topology, host),
  };
}

function linksOf(topology: Topology, host: string): ObservedLink[] {
  const definition = topology.hosts[host];
  if (!definition) return [];
  const links: ObservedLink[] = [
    { name: "lo", kind: "other", promisc: false, up: true, addresses: ["127.0.0.1/8"] },
    { name: "docker0", kind: "bridge", promisc: false, up: true, addresses: ["172.17.0.1/16"] },
  ];
  for (const iface of interfacesOf(definition))
    links.push({
      name: iface.name,
      kind: iface.vid === undefined ? "physical" : "vlan",
      ...(iface.vid === undefined ? {} : { parent: iface.nic, vid: iface.vid }),
      promisc: iface.promisc,
      up: true,
      addresses: iface.address ? [iface.address] : [],
    });
  for (const bridge of ovsOf(topology, host))
    for (const port of bridge.ports)
      if (port.type === "vxlan" || port.type === "gre")
        links.push({
          name: port.name,
          kind: port.type === "vxlan" ? "vxlan" : "other",
          promisc: false,
          up: true,
          addresses: [],
        });
  for (const shim of definition.shims ?? [])
    links.push({
      name: shim.name,
      kind: "macvlan",
      promisc: false,
      up: true,
      addresses: [`${shim.ip}/32`],
      alias: `${LABEL_KEY}=${topology.name}`,
    });
  return links;
}

function routedBridges(topology: Topology, host: string) {
  return entries(topology.networks).flatMap(([name, network]) =>
    network.driver === "bridge" && network.cross_host === "routed" && network.subnets?.[host]
      ? [{ name, network, mine: network.subnets[host] ?? "", hosts: networkHosts(topology, name) }]
      : [],
  );
}

function routesOf(topology: Topology, host: string) {
  const routes: HostSnapshot["routes"] = [{ dst: "default", via: "192.168.0.1" }];
  for (const { network, hosts } of routedBridges(topology, host))
    for (const peer of hosts) {
      const theirs = network.subnets?.[peer];
      const path = underlayPath(topology.hosts[host], topology.hosts[peer]);
      if (peer !== host && theirs && path) routes.push({ dst: theirs, via: path.toAddress, dev: path.fromIface });
    }
  const ipam = assignAddresses(topology);
  for (const shim of topology.hosts[host]?.shims ?? [])
    for (const [name, container] of entries(topology.containers)) {
      const ip = ipam.containers[name]?.[shim.network]?.ip;
      if (container.host === host && ip) routes.push({ dst: `${ip}/32`, dev: shim.name });
    }
  return routes;
}

function rulesOf(topology: Topology, host: string): HostSnapshot["rules"] {
  const rules: HostSnapshot["rules"] = [{ table: "filter", chain: "DOCKER-USER", spec: ["-j", "RETURN"] }];
  for (const { name, network, mine, hosts } of routedBridges(topology, host)) {
    for (const peer of hosts) {
      const theirs = network.subnets?.[peer];
      if (peer === host || !theirs || !underlayPath(topology.hosts[host], topology.hosts[peer])) continue;
      rules.push({ table: "nat", chain: "POSTROUTING", spec: natReturnSpec(mine, theirs, topology.name) });
    }
    const peer = hosts.find((candidate) => candidate !== host);
    const path = peer ? underlayPath(topology.hosts[host], topology.hosts[peer]) : undefined;
    if (path)
      for (const iface of ingressInterfaces(topology.hosts[host], path.fromIface))
        rules.push({
          table: "filter",
          chain: "DOCKER-USER",
          spec: forwardAcceptSpec(iface, network.bridge ?? name, topology.name),
        });
  }
  return rules;
}

/** Dockerd reports the advertise address resolved (`192.168.0.102:2376`), the store as configured. */
function clusterStore(topology: Topology, host: string, kv: string) {
  const match = /^([a-z]+):\/\/([^:]+):([0-9]+)$/.exec(kv);
  if (!match) return undefined;
  const [, scheme, kvHost = "", port] = match;
  const path = kvHost in topology.hosts ? underlayPath(topology.hosts[host], topology.hosts[kvHost]) : undefined;
  const storeAddress = kvHost in topology.hosts ? (path?.toAddress ?? firstAddress(topology, kvHost)) : kvHost;
  const own = path?.fromAddress ?? firstAddress(topology, host);
  return { store: `${scheme}://${storeAddress}:${port}`, advertise: `${own}:2376` };
}

function firstAddress(topology: Topology, host: string): string | undefined {
  const definition = topology.hosts[host];
  const iface = definition ? interfacesOf(definition).find((candidate) => candidate.address) : undefined;
  return iface?.address ? addressOf(iface.address) : undefined;
}

function managerAddress(topology: Topology, swarm: string[]): string | undefined {
  const [manager, ...workers] = swarm;
  if (!manager) return undefined;
  for (const worker of workers) {
    const path = underlayPath(topology.hosts[worker], topology.hosts[manager]);
    if (path) return path.toAddress;
  }
  return firstAddress(topology, manager);
}

const DOCKER_DRIVER: Record<Network["driver"], string> = {
  bridge: "bridge",
  macvlan: "macvlan",
  overlay: "overlay",
  ovs: "",
  flannel: "",
  weave: "weavemesh",
  calico: "calico",
};

/** Docker's own networks, unlabelled: the planner must leave them alone. */
function dockerDefaults(host: string, inSwarm: boolean): ObservedNetwork[] {
  const defaults: ObservedNetwork[] = [
    { id: `bridge-${host}`, name: "bridge", driver: "bridge", scope: "local", subnet: "172.17.0.0/16", labels: {} },
    { id: `host-${host}`, name: "host", driver: "host", scope: "local", labels: {} },
    { id: `none-${host}`, name: "none", driver: "null", scope: "local", labels: {} },
  ];
  if (inSwarm)
    defaults.push(
      { id: `gw-${host}`, name: "docker_gwbridge", driver: "bridge", scope: "local", labels: {} },
      { id: "ingress", name: "ingress", driver: "overlay", scope: "swarm", subnet: "10.0.0.0/24", labels: {} },
    );
  return defaults;
}

function networksOf(topology: Topology, ipam: Ipam, host: string, inSwarm: boolean): ObservedNetwork[] {
  const networks = dockerDefaults(host, inSwarm);
  const kvCluster = kvHosts(topology).has(host);
  const manager = swarmHosts(topology)[0];
  for (const [name, network] of entries(topology.networks)) {
    const driver = DOCKER_DRIVER[network.driver];
    if (!driver) continue;
    const hosts = networkHosts(topology, name);
    const visible =
      hosts.includes(host) ||
      // Managers list every swarm overlay; workers only those their containers use.
      (isSwarmOverlay(network) && host === manager) ||
      // A KV-store overlay lives in the store: every daemon of the cluster lists it (SCOPE global).
      (network.driver === "overlay" && !isSwarmOverlay(network) && kvCluster && hosts.length > 0);
    if (!visible) continue;
    const plan = subnetPlanOn(ipam, name, host);
    const observed: ObservedNetwork = {
      id: `${name}-${isGlobal(network) ? "cluster" : host}`,
      name,
      driver,
      scope: isSwarmOverlay(network) ? "swarm" : isGlobal(network) ? "global" : "local",
      ...(plan?.subnet ? { subnet: plan.subnet } : isSwarmOverlay(network) ? { subnet: "10.0.9.0/24" } : {}),
      ...(plan?.gateway ? { gateway: plan.gateway } : {}),
      labels: { [LABEL_KEY]: topology.name },
    };
    if (network.driver === "macvlan" && network.parent[host]) observed.parent = network.parent[host];
    if (network.driver === "bridge") observed.bridgeName = network.bridge ?? name;
    if (isSwarmOverlay(network)) observed.attachable = network.attachable !== false;
    networks.push(observed);
  }
  return networks;
}

function containersOf(topology: Topology, ipam: Ipam, host: string): ObservedContainer[] {
  let runtime = 100;
  return entries(topology.containers)
    .filter(([, container]) => container.host === host)
    .map(([name, container]) => {
      const networks: ObservedContainer["networks"] = {};
      for (const [network, attachment] of entries(container.networks)) {
        const definition = topology.networks?.[network];
        if (!definition || !DOCKER_DRIVER[definition.driver]) continue;
        const ip = ipam.containers[name]?.[network]?.ip ?? `10.255.0.${runtime++}`;
        networks[network] = { ip, aliases: attachment.aliases ?? [] };
      }
      return {
        id: `id-${name}`,
        name,
        image: container.image,
        running: true,
        labels: {
          [LABEL_KEY]: topology.name,
          ...(container.publish?.length ? { [PUBLISH_LABEL]: container.publish.join(",") } : {}),
        },
        networks,
      };
    });
}

/** The KV store's firewall on its host (lib/plan/kv-firewall.ts), whether Crossnet or the lab runs the store. */
function kvFirewallOf(topology: Topology, host: string, options: AppliedOptions): HostSnapshot["rules"] {
  const members = kvHosts(topology);
  const seen = new Set<string>();
  const rules: HostSnapshot["rules"] = [];
  for (const [member, kv] of members) {
    const match = /^[a-z]+:\/\/([^:]+):([0-9]+)$/.exec(kv);
    if (match?.[1] !== host || seen.has(kv)) continue;
    seen.add(kv);
    const storeAddress = underlayPath(topology.hosts[member], topology.hosts[host])?.toAddress;
    const port = (options.kvProvided && options.kvUrl && kvPort(options.kvUrl)) || Number(match[2]);
    rules.push(...kvFirewallRules(topology, host, port, storeAddress ?? firstAddressOf(topology, host)));
  }
  return rules;
}

function firstAddressOf(topology: Topology, host: string): string | undefined {
  const spec = topology.hosts[host];
  if (!spec) return undefined;
  for (const nic of interfacesOf(spec)) if (nic.address) return addressOf(nic.address);
  return undefined;
}

/** The etcd or Consul container the plan starts on a design host named by a KV-store overlay. */
function kvStoreContainers(topology: Topology, host: string, options: AppliedOptions): ObservedContainer[] {
  if (options.kvProvided) return [];
  const stores = new Set(kvHosts(topology).values());
  const here = [...stores].filter((kv) => kv.replace(/^[a-z]+:\/\//, "").replace(/:[0-9]+$/, "") === host);
  return here.map((kv) => {
    const consul = kv.startsWith("consul://");
    return {
      id: `id-kv-${host}`,
      name: consul ? "consul" : "etcd",
      image: consul ? "progrium/consul" : "quay.io/coreos/etcd:v3.4.34",
      running: true,
      labels: { [LABEL_KEY]: topology.name },
      networks: { bridge: { ip: "172.17.0.2", aliases: [] } },
    };
  });
}

/** Someone else's container on the host: never touched. */
function unlabelledContainer(host: string): ObservedContainer {
  return {
    id: `id-other-${host}`,
    name: "someone-elses-app",
    image: "nginx",
    running: true,
    labels: {},
    networks: { bridge: { ip: "172.17.0.9", aliases: [] } },
  };
}

function ovsOf(topology: Topology, host: string): ObservedOvsBridge[] {
  const bridges: ObservedOvsBridge[] = [];
  for (const [name, network] of entries(topology.networks)) {
    if (network.driver !== "ovs") continue;
    const hosts = networkHosts(topology, name);
    if (!hosts.includes(host)) continue;
    const bridge = network.bridge ?? name;
    const tunnel = network.tunnel ?? "vxlan";
    const ports: ObservedOvsBridge["ports"] = [{ name: bridge, type: "internal" }];
    hosts.forEach((peer, index) => {
      const path = underlayPath(topology.hosts[host], topology.hosts[peer]);
      // A star from the network's first host (see planOvs).
      if (peer === host || !path || (host !== hosts[0] && peer !== hosts[0])) return;
      const port = ovsTunnelPort(topology, name, host, peer, index);
      ports.push({ name: port, type: tunnel, remoteIp: path.toAddress, key: String(network.vni ?? 100) });
    });
    for (const [container, definition] of entries(topology.containers))
      if (definition.host === host && name in definition.networks && parseCidr(network.subnet, false))
        ports.push({ name: `veth-${container}`.slice(0, 15), type: "", container });
    bridges.push({ name: bridge, ports });
  }
  return bridges;
}
