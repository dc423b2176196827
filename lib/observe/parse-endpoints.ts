import { ipv4Of, isObject, nameOf } from "./well-formed";

/** One endpoint of a network on a host: a container, or swarm's load balancer (`lb-NET`). */
export type ObservedEndpoint = { name: string; ip: string };

/**
 * The IPv4 endpoints listed by `GET /networks/{name}` (the `Containers` map; on a swarm manager it
 * includes `lb-NET`, the load-balancer endpoint swarm allocates per node). Untrusted: malformed
 * entries are dropped. Sorted by address.
 */
export function parseNetworkEndpoints(inspect: unknown): ObservedEndpoint[] {
  if (!isObject(inspect) || !isObject(inspect.Containers)) return [];
  const endpoints: ObservedEndpoint[] = [];
  for (const raw of Object.values(inspect.Containers)) {
    if (!isObject(raw)) continue;
    const name = nameOf(raw.Name, "container");
    const address = typeof raw.IPv4Address === "string" ? raw.IPv4Address.split("/")[0] : undefined;
    const ip = ipv4Of(address);
    if (name && ip) endpoints.push({ name, ip });
  }
  return endpoints.sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : a.name < b.name ? -1 : 1));
}
