import { broadcastOf, type Cidr, formatIp, parseCidr, parseIp } from "../topology/ip";
import type { Graph } from "./types";

/**
 * Fresh addresses for pasted elements: a copy must not keep an address that has to be unique (a
 * host interface's address, a container's fixed IP on a network it shares with the original).
 */

/** The next address of `cidr` after `from`, wrapping round, that is neither network, broadcast nor in `used`. */
function nextFree(cidr: Cidr, from: number, used: ReadonlySet<number>): number | undefined {
  const size = 2 ** (32 - cidr.prefix);
  const reserved = cidr.prefix < 31;
  for (let step = 1; step < size; step++) {
    const candidate = cidr.network + ((from - cidr.network + step) % size);
    if (reserved && (candidate === cidr.network || candidate === broadcastOf(cidr))) continue;
    if (!used.has(candidate)) return candidate;
  }
  return undefined;
}

/**
 * An interface address (`192.168.1.10/24`) moved to the next free address of its subnet, and that
 * address added to `used`; the address itself when it is not taken, undefined when the subnet is
 * full or the text is not an address.
 */
export function freeInterfaceAddress(address: string, used: Set<number>): string | undefined {
  const parsed = parseCidr(address, false);
  if (!parsed) return undefined;
  const ip = used.has(parsed.ip) ? nextFree(parsed.cidr, parsed.ip, used) : parsed.ip;
  if (ip === undefined) return undefined;
  used.add(ip);
  return `${formatIp(ip)}/${parsed.cidr.prefix}`;
}

/**
 * A container's fixed IP on a network with `subnet`, moved to the next free address after it (and
 * added to `used`); undefined when the subnet is full or unknown.
 */
export function freeContainerIp(ip: string, subnet: string | undefined, used: Set<number>): string | undefined {
  const value = parseIp(ip);
  const parsed = subnet ? parseCidr(subnet, false) : undefined;
  if (value === undefined || !parsed) return undefined;
  const next = used.has(value) ? nextFree(parsed.cidr, value, used) : value;
  if (next === undefined) return undefined;
  used.add(next);
  return formatIp(next);
}

/** Every host interface address (NICs and VLANs) of the graph, as numbers. */
export function interfaceAddresses(graph: Pick<Graph, "nodes">): Set<number> {
  const used = new Set<number>();
  for (const node of graph.nodes)
    if ((node.type === "nic" || node.type === "vlan") && node.data.address) {
      const parsed = parseCidr(node.data.address, false);
      if (parsed) used.add(parsed.ip);
    }
  return used;
}

/** The addresses taken on one network: its containers' fixed IPs and its gateway. */
export function networkAddresses(graph: Pick<Graph, "nodes" | "edges">, networkId: string): Set<number> {
  const used = new Set<number>();
  for (const edge of graph.edges)
    if (edge.type === "attach" && edge.target === networkId && edge.data?.ip) {
      const value = parseIp(edge.data.ip);
      if (value !== undefined) used.add(value);
    }
  const network = graph.nodes.find((node) => node.id === networkId);
  if (network?.type === "network" && "gateway" in network.data.spec && network.data.spec.gateway) {
    const gateway = parseIp(network.data.spec.gateway);
    if (gateway !== undefined) used.add(gateway);
  }
  return used;
}
