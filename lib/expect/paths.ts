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
 * The default route Docker gives a container on several networks, the way libnetwork sets it.
 *
 * A sandbox keeps its endpoints in a binary heap (Go's container/heap) ordered by: docker_gwbridge
 * last, then priority (equal unless `--gw-priority`), then network NAME. When an endpoint with a
 * gateway joins (bridge and macvlan endpoints have one, overlay endpoints do not), the default route
 * moves to it only if it is the first endpoint with a gateway IN HEAP ARRAY ORDER; otherwise the route
 * stays where it was. So the order the container joined its networks matters (measured on the lab: a
 * container that joined rt3, then vl1, keeps rt3's gateway; one that joined vl1, then rt3, moves to
 * rt3). A container whose endpoints have no gateway (overlays only) gets a docker_gwbridge endpoint,
 * removed once a network with a gateway joins, and the route then moves to the first endpoint with a
 * gateway. Crossnet joins in design order (`docker run --network FIRST`, then `docker network
 * connect` the rest), as here.
 */
export function defaultRoute(topology: Topology, container: Container): DefaultRoute {
  const joined = Object.keys(container.networks).filter((name) => {
    const driver = topology.networks?.[name]?.driver;
    return driver === "bridge" || driver === "macvlan" || driver === "overlay";
  });
  const hasGateway = (name: string) => {
    if (name === GWBRIDGE) return true;
    const driver = topology.networks?.[name]?.driver;
    return driver === "bridge" || driver === "macvlan";
  };
  const heap = new EndpointHeap();
  const firstWithGateway = () => heap.items.find(hasGateway);
  let route: string | undefined;
  const join = (name: string) => {
    heap.push(name);
    if (hasGateway(name) && firstWithGateway() === name) route = name;
  };
  for (const name of joined) {
    join(name);
    const needsGwbridge = !heap.items.some((item) => item !== GWBRIDGE && hasGateway(item));
    if (needsGwbridge && !heap.items.includes(GWBRIDGE)) join(GWBRIDGE);
    else if (!needsGwbridge && heap.items.includes(GWBRIDGE)) {
      heap.remove(heap.items.indexOf(GWBRIDGE));
      if (route === GWBRIDGE) route = firstWithGateway();
    }
  }
  if (route === undefined) return { kind: "none" };
  if (route === GWBRIDGE) return { kind: "host", network: null };
  return topology.networks?.[route]?.driver === "macvlan"
    ? { kind: "macvlan", network: route }
    : { kind: "host", network: route };
}

/** Stands for the docker_gwbridge endpoint (a network name cannot contain a NUL). */
const GWBRIDGE = "\u0000gwbridge";

/** Go's container/heap Push and Remove over libnetwork's endpoint order (see {@link defaultRoute}). */
class EndpointHeap {
  readonly items: string[] = [];

  private less(i: number, j: number): boolean {
    const a = this.items[i] ?? "";
    const b = this.items[j] ?? "";
    if (a === GWBRIDGE) return false;
    if (b === GWBRIDGE) return true;
    return a < b;
  }

  private swap(i: number, j: number): void {
    const a = this.items[i] ?? "";
    this.items[i] = this.items[j] ?? "";
    this.items[j] = a;
  }

  private up(start: number): void {
    let j = start;
    for (;;) {
      const i = Math.floor((j - 1) / 2);
      if (j <= 0 || i === j || !this.less(j, i)) break;
      this.swap(i, j);
      j = i;
    }
  }

  private down(start: number, n: number): boolean {
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      let j = left;
      if (left + 1 < n && this.less(left + 1, left)) j = left + 1;
      if (!this.less(j, i)) break;
      this.swap(i, j);
      i = j;
    }
    return i > start;
  }

  push(item: string): void {
    this.items.push(item);
    this.up(this.items.length - 1);
  }

  remove(index: number): void {
    const n = this.items.length - 1;
    if (n !== index) {
      this.swap(index, n);
      if (!this.down(index, n)) this.up(index);
    }
    this.items.pop();
  }
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
