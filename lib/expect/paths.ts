import { findInterface } from "../topology/model";
import type { Container, Topology } from "../topology/schema";

/**
 * Where a container's traffic to an address off all its own subnets goes: its default route.
 * - `host`: through a Docker bridge (`network`) or docker_gwbridge (`network` null, for a container
 *   whose only Docker networks are overlays) to its own host, which forwards it by the host's routes;
 * - `macvlan`: to the macvlan network's gateway out on the physical segment (nothing in a design routes
 *   there: the lab has no router, and a real one only routes what its owner set up);
 * - `none`: no default route (only OVS or no network), or one only ovs-docker knows about.
 */
export type DefaultRoute =
  | { kind: "host"; network: string | null }
  | { kind: "macvlan"; network: string }
  | { kind: "none" };

/**
 * The default route Docker gives a container on several networks: the gateway of the network whose
 * NAME sorts first among those with a gateway (bridge and macvlan endpoints have one, overlay endpoints
 * do not), whatever order the container joined them in; docker_gwbridge when only overlays remain.
 * libnetwork orders a sandbox's endpoints by (docker_gwbridge last, priority, network name). Measured on
 * the lab (fuzz seeds 5 and the fixture default-route-join-order): containers that joined rt3, vl1, ov2
 * / vl1, rt3, ov2 / vl1, ov2, rt3 all route through rt3.
 */
export function defaultRoute(topology: Topology, container: Container): DefaultRoute {
  const withGateway = Object.keys(container.networks)
    .filter((name) => {
      const driver = topology.networks?.[name]?.driver;
      return driver === "bridge" || driver === "macvlan";
    })
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const first = withGateway[0];
  if (first !== undefined)
    return topology.networks?.[first]?.driver === "macvlan"
      ? { kind: "macvlan", network: first }
      : { kind: "host", network: first };
  if (Object.keys(container.networks).some((name) => topology.networks?.[name]?.driver === "overlay"))
    return { kind: "host", network: null };
  return { kind: "none" };
}

/** True when `a` and `b` are on one L2 segment of `network` (both attached to it). */
export function sameSegment(topology: Topology, network: string, a: Container, b: Container): boolean {
  const definition = topology.networks?.[network];
  if (!definition) return false;
  if (definition.driver === "bridge") return a.host === b.host;
  if (definition.driver === "macvlan") {
    if (a.host === b.host) return true;
    const vid = (host: string) => {
      const parent = definition.parent[host];
      return parent ? findInterface(topology.hosts[host], parent)?.vid : undefined;
    };
    return vid(a.host) === vid(b.host);
  }
  return true;
}

/**
 * Who answers a ping from `fromName` to `address` without any routing: the source itself when the
 * address is one of its own, or a container on one of the source's own segments that holds it (the
 * address is on-link, so the source ARPs for it right there). Undefined when nobody does.
 * `ipOf` gives a container's address on a network (observed, or predicted); under `gwbridge`, its
 * docker_gwbridge address when known (its own only: gwbridge neighbours do not answer each other).
 */
export function onLinkHolder(
  topology: Topology,
  fromName: string,
  from: Container,
  address: string,
  ipOf: (container: string, network: string) => string | undefined,
  gwbridge?: string,
): { holder: string; network: string } | undefined {
  if (gwbridge && ipOf(fromName, gwbridge) === address) return { holder: fromName, network: gwbridge };
  for (const network of Object.keys(from.networks))
    if (topology.networks?.[network] && ipOf(fromName, network) === address) return { holder: fromName, network };
  for (const network of Object.keys(from.networks)) {
    if (!topology.networks?.[network]) continue;
    for (const [name, other] of Object.entries(topology.containers ?? {})) {
      if (name === fromName || !(network in other.networks)) continue;
      if (sameSegment(topology, network, from, other) && ipOf(name, network) === address)
        return { holder: name, network };
    }
  }
  return undefined;
}
