import { type Text, t } from "../i18n/text";
import { contains, parseCidr, parseIp } from "../topology/ip";
import { entries, findInterface, interfacesOf, underlayPath } from "../topology/model";
import type { Container, Host, MacvlanNetwork, Topology } from "../topology/schema";
import { defaultRoute } from "./paths";
import type { Verdict } from "./services";
import type { ExpectCell } from "./types";

/**
 * A host as an endpoint of the matrix is named `host:NAME` (a colon no container name may hold, so it
 * never collides with one). Its addresses are its NICs' and VLAN sub-interfaces' of the design.
 */
export const HOST_PREFIX = "host:";

/** The endpoint name of design host `host`. */
export function hostEndpoint(host: string): string {
  return `${HOST_PREFIX}${host}`;
}

/** The design host an endpoint name stands for, or undefined for a container's name. */
export function endpointHost(name: string): string | undefined {
  return name.startsWith(HOST_PREFIX) ? name.slice(HOST_PREFIX.length) : undefined;
}

/** The host an endpoint runs on: the host itself, or the container's host. */
export function hostOfEndpoint(topology: Topology, name: string): string | undefined {
  const host = endpointHost(name);
  if (host !== undefined) return Object.hasOwn(topology.hosts, host) ? host : undefined;
  return topology.containers?.[name]?.host;
}

/** A host's addressed interfaces: `[interface, address without prefix, CIDR]`, in document order. */
function hostAddresses(host: Host): { iface: string; address: string; cidr: string }[] {
  return interfacesOf(host).flatMap((iface) =>
    iface.address ? [{ iface: iface.name, address: iface.address.split("/")[0] ?? "", cidr: iface.address }] : [],
  );
}

/** The address of `host` in `subnet` (its NIC or sub-interface there, or a shim), if any. */
function addressIn(topology: Topology, host: string, subnet: string | undefined): string | undefined {
  const parsed = subnet ? parseCidr(subnet, false) : undefined;
  const definition = topology.hosts[host];
  if (!parsed || !definition) return undefined;
  return hostAddresses(definition).find(({ address }) => contains(parsed.cidr, parseIp(address) ?? -1))?.address;
}

function shimOn(topology: Topology, host: string, network: string) {
  return (topology.hosts[host]?.shims ?? []).find((shim) => shim.network === network);
}

/** VLAN of a macvlan network's parent on a host (undefined: untagged). */
function parentVlan(topology: Topology, network: MacvlanNetwork, host: string): number | undefined {
  const parent = network.parent[host];
  return parent ? findInterface(topology.hosts[host], parent)?.vid : undefined;
}

/**
 * Can host `host` reach container `name` at its address on `network`? Docker's rules: a macvlan
 * container is cut off from its own host's parent (macvlan never passes frames between a parent and its
 * children) unless the host has a shim on that network; another host on the same segment reaches it
 * when it has an address in the network's subnet (or a shim there); a bridge container is reached from
 * its own host only (other hosts need routes the design does not set up, except routed bridges).
 */
export function hostToContainer(
  topology: Topology,
  host: string,
  name: string,
  container: Container,
  network: string,
): Verdict {
  const definition = topology.networks?.[network];
  if (definition?.driver === "macvlan") {
    const shim = shimOn(topology, host, network);
    if (shim)
      return {
        expected: "reach",
        reasonCode: "host-shim",
        reason: t`${host}'s shim ${shim.name} (${shim.ip}) is a macvlan interface of its own on ${network}: it reaches ${name} like a neighbour container`,
      };
    if (container.host === host)
      return {
        expected: "blocked",
        reasonCode: "macvlan-own-host",
        reason: t`macvlan keeps a parent and its children apart: ${host} cannot reach its own macvlan container ${name} (add a shim on ${network} to ${host})`,
      };
    const subnet = definition.subnet;
    const mine = addressIn(topology, host, subnet);
    const sameVlan = parentVlan(topology, definition, container.host) === vlanOfAddress(topology, host, mine);
    if (mine && sameVlan)
      return {
        expected: "reach",
        reasonCode: "host-same-segment",
        reason: t`${host} has ${mine} in ${network}'s subnet ${subnet ?? ""} on the segment ${name}'s parent is on: it reaches ${name} directly`,
      };
    return {
      expected: "blocked",
      reasonCode: "host-no-route",
      reason: t`${host} has no address in ${network}'s subnet ${subnet ?? t`(unknown)`} and no route to it: nothing carries its packets to ${name}`,
    };
  }
  if (definition?.driver === "bridge") {
    if (container.host === host)
      return {
        expected: "reach",
        reasonCode: "host-own-bridge",
        reason: t`${host} owns bridge ${network}'s gateway address: it reaches ${name} on it directly`,
      };
    if (
      definition.cross_host === "routed" &&
      definition.subnets?.[host] &&
      underlayPath(topology.hosts[host], topology.hosts[container.host])
    )
      return {
        expected: "reach",
        reasonCode: "routed-bridge",
        reason: t`routed bridge ${network}: ${host} routes ${definition.subnets[container.host] ?? ""} to ${container.host}`,
      };
  }
  return {
    expected: "blocked",
    reasonCode: "host-no-route",
    reason: t`${host} has no route to ${name}'s address on ${network} (${definition?.driver ?? "unknown"}): only ${container.host}'s containers and Docker reach it`,
  };
}

function vlanOfAddress(topology: Topology, host: string, address: string | undefined): number | undefined {
  const definition = topology.hosts[host];
  if (!definition || !address) return undefined;
  return interfacesOf(definition).find((iface) => iface.address?.split("/")[0] === address)?.vid;
}

/**
 * Can container `name` reach `host` at `address` (one of the host's interfaces)? A macvlan container does
 * not reach its own host's parent (unless a shim is there); it reaches other hosts with an address in its
 * own subnet on its segment. A bridge or overlay container reaches any host its own host can: its own
 * host directly, the others through NAT over the hosts' network.
 */
export function containerToHost(
  topology: Topology,
  name: string,
  container: Container,
  host: string,
  address: string,
): Verdict {
  for (const [network, definition] of entries(topology.networks)) {
    if (!(network in container.networks) || definition.driver !== "macvlan") continue;
    const subnet = definition.subnet ? parseCidr(definition.subnet, false) : undefined;
    if (!subnet || !contains(subnet.cidr, parseIp(address) ?? -1)) continue;
    if (host === container.host) {
      const shim = shimOn(topology, host, network);
      return shim
        ? {
            expected: "reach",
            reasonCode: "host-shim",
            reason: t`${host}'s shim ${shim.name} on ${network} answers for ${host}'s addresses: ${name} reaches ${address} through it`,
          }
        : {
            expected: "blocked",
            reasonCode: "macvlan-own-host",
            reason: t`macvlan keeps a parent and its children apart: ${name} cannot reach its own host ${host} at ${address} (add a shim on ${network} to ${host})`,
          };
    }
    if (vlanOfAddress(topology, host, address) === parentVlan(topology, definition, container.host))
      return {
        expected: "reach",
        reasonCode: "host-same-segment",
        reason: t`${address} of ${host} is on ${name}'s macvlan segment ${network}: reached directly`,
      };
  }
  const route = defaultRoute(topology, container);
  if (route.kind === "host") {
    if (host === container.host)
      return {
        expected: "reach",
        reasonCode: "host-nat",
        reason: t`${name}'s default route leads to its own host ${host}, which owns ${address}`,
      };
    const path = underlayPath(topology.hosts[container.host], topology.hosts[host]);
    const reachable =
      topology.hosts[container.host] &&
      hostAddresses(topology.hosts[container.host] as Host).some(({ cidr }) => {
        const net = parseCidr(cidr, false);
        return net ? contains(net.cidr, parseIp(address) ?? -1) : false;
      });
    if (path && reachable)
      return {
        expected: "reach",
        reasonCode: "host-nat",
        reason: t`${name} leaves through its host ${container.host}, which masquerades it (NAT) onto the hosts' network where ${host} has ${address}`,
      };
  }
  const why: Text =
    route.kind === "macvlan"
      ? t`its default route goes out through macvlan ${route.network}'s gateway, where nothing routes`
      : route.kind === "none"
        ? t`it has no default route`
        : t`${container.host} has no route to ${address}`;
  return {
    expected: "blocked",
    reasonCode: "host-no-route",
    reason: t`${name} cannot reach ${host} at ${address}: ${why}`,
  };
}

/**
 * The cells with hosts as endpoints, by IP: each selected host to each container address on the
 * design's networks, and each container to each selected host's addresses. Pure.
 */
export function hostCells(
  topology: Topology,
  hostSources: readonly string[],
  hostTargets: readonly string[],
  containerSources: readonly [string, Container][],
  containerTargets: readonly [string, Container][],
  ipOf: (container: string, network: string) => string | undefined,
): ExpectCell[] {
  const cells: ExpectCell[] = [];
  const cell = (from: string, to: string, target: string, verdict: Verdict, network?: string): ExpectCell => ({
    from,
    to,
    by: "ip",
    target,
    ...(network ? { network } : {}),
    expected: verdict.expected,
    reasonCode: verdict.reasonCode,
    reason: verdict.reason,
  });
  for (const host of hostSources)
    for (const [name, container] of containerTargets)
      for (const network of Object.keys(container.networks)) {
        if (!topology.networks?.[network]) continue;
        const address = ipOf(name, network) ?? `${name}@${network}`;
        cells.push(
          cell(hostEndpoint(host), name, address, hostToContainer(topology, host, name, container, network), network),
        );
      }
  for (const [name, container] of containerSources)
    for (const host of hostTargets) {
      const definition = topology.hosts[host];
      if (!definition) continue;
      for (const { address } of hostAddresses(definition))
        cells.push(cell(name, hostEndpoint(host), address, containerToHost(topology, name, container, host, address)));
    }
  return cells;
}
