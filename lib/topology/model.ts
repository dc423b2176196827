import { addressOf, parseCidr } from "./ip";
import type { Container, Host, Network, OverlayNetwork, Topology } from "./schema";

/** A NIC or an 802.1q sub-interface of a host, flattened. */
export type HostInterface = {
  name: string;
  nic: string;
  vid?: number;
  address?: string;
  /** Promiscuous flag of the physical NIC underneath (sub-interfaces inherit their NIC's). */
  promisc: boolean;
};

export function entries<T>(record: Record<string, T> | undefined): [string, T][] {
  return record ? Object.entries(record) : [];
}

export function vlanName(nic: string, vid: number | string): string {
  return `${nic}.${vid}`;
}

/** NICs first, each followed by its sub-interfaces in document order. */
export function interfacesOf(host: Host): HostInterface[] {
  const result: HostInterface[] = [];
  for (const [nicName, nic] of entries(host.nics)) {
    const promisc = nic.promisc === true;
    result.push({ name: nicName, nic: nicName, address: nic.address, promisc });
    for (const [vid, vlan] of entries(nic.vlans))
      result.push({ name: vlanName(nicName, vid), nic: nicName, vid: Number(vid), address: vlan.address, promisc });
  }
  return result;
}

export function findInterface(host: Host | undefined, name: string): HostInterface | undefined {
  return host ? interfacesOf(host).find((iface) => iface.name === name) : undefined;
}

/** Containers attached to `network`, in document order. */
export function containersOn(topology: Topology, network: string): [string, Container][] {
  return entries(topology.containers).filter(([, container]) => network in container.networks);
}

/**
 * Hosts on which a network exists, in document order of `hosts`: where its containers run, plus the
 * hosts its definition names (macvlan parents, routed bridge subnets).
 */
export function networkHosts(topology: Topology, name: string): string[] {
  const network = topology.networks?.[name];
  const wanted = new Set<string>();
  for (const [, container] of containersOn(topology, name)) wanted.add(container.host);
  if (network?.driver === "macvlan") for (const host of Object.keys(network.parent)) wanted.add(host);
  if (network?.driver === "bridge" && network.cross_host === "routed")
    for (const host of Object.keys(network.subnets ?? {})) wanted.add(host);
  return Object.keys(topology.hosts).filter((host) => wanted.has(host));
}

/**
 * The MTU the plan gives containers' interfaces on OVS network `name`: 1450 under a VXLAN tunnel (its
 * 50 bytes of headers come off the hosts' 1500) and 1462 under GRE (38 bytes), like Docker's overlay
 * does for its VXLAN. Without it a full-size frame leaves the container at 1500 and its encapsulated
 * packet is too big for the underlay: pings pass and bulk TCP stalls. `undefined` when the network is on
 * one host (no tunnel: Ethernet's 1500) or is not OVS.
 */
export function ovsInterfaceMtu(topology: Topology, name: string): number | undefined {
  const network = topology.networks?.[name];
  if (network?.driver !== "ovs" || networkHosts(topology, name).length < 2) return undefined;
  return network.tunnel === "gre" ? 1462 : 1450;
}

/** Docker's scope: `local` networks are created on every host, the others once per cluster. */
export function isGlobal(network: Network): boolean {
  return (
    network.driver === "overlay" ||
    network.driver === "calico" ||
    network.driver === "weave" ||
    network.driver === "flannel"
  );
}

export function isSwarmOverlay(network: Network): network is OverlayNetwork & { control: "swarm" } {
  return network.driver === "overlay" && network.control === "swarm";
}

export function kvOf(network: Network): string | undefined {
  return network.driver === "overlay" && typeof network.control === "object" ? network.control.kv : undefined;
}

/** Hosts running a container on any swarm overlay, in document order: the first is the manager. */
export function swarmHosts(topology: Topology): string[] {
  const swarmNetworks = new Set(
    entries(topology.networks)
      .filter(([, n]) => isSwarmOverlay(n))
      .map(([name]) => name),
  );
  const wanted = new Set<string>();
  for (const [, container] of entries(topology.containers))
    if (Object.keys(container.networks).some((net) => swarmNetworks.has(net))) wanted.add(container.host);
  return Object.keys(topology.hosts).filter((host) => wanted.has(host));
}

/** Hosts with a container on a KV-store overlay, and the store each uses. */
export function kvHosts(topology: Topology): Map<string, string> {
  const result = new Map<string, string>();
  for (const host of Object.keys(topology.hosts))
    for (const [, container] of entries(topology.containers)) {
      if (container.host !== host) continue;
      for (const net of Object.keys(container.networks)) {
        const network = topology.networks?.[net];
        const kv = network && kvOf(network);
        if (kv && !result.has(host)) result.set(host, kv);
      }
    }
  return result;
}

/** The first addressed NIC or sub-interface of a host: its address on the data network. */
export function primaryAddress(host: Host | undefined): { iface: string; address: string } | undefined {
  if (!host) return undefined;
  const iface = interfacesOf(host).find((candidate) => candidate.address);
  return iface?.address ? { iface: iface.name, address: iface.address } : undefined;
}

/**
 * An address of `to` that `from` reaches directly: both have an interface in the same IP subnet.
 * This is the underlay used for routes, tunnels, swarm and KV advertise addresses.
 */
export function underlayPath(
  from: Host | undefined,
  to: Host | undefined,
): { fromIface: string; fromAddress: string; toIface: string; toAddress: string } | undefined {
  if (!from || !to) return undefined;
  for (const a of interfacesOf(from)) {
    const left = a.address ? parseCidr(a.address, false) : undefined;
    if (!left || !a.address) continue;
    for (const b of interfacesOf(to)) {
      const right = b.address ? parseCidr(b.address, false) : undefined;
      if (!right || !b.address) continue;
      if (left.cidr.network === right.cidr.network && left.cidr.prefix === right.cidr.prefix && left.ip !== right.ip)
        return {
          fromIface: a.name,
          fromAddress: addressOf(a.address),
          toIface: b.name,
          toAddress: addressOf(b.address),
        };
    }
  }
  return undefined;
}
