import "server-only";
import type { ObservedRoute } from "../plan/observed";
import { safeJson } from "./parse-links";
import { arrayOf, ipv4Of, isObject, nameOf, networkOf } from "./well-formed";

/**
 * Parses `ip -j -4 route show table main` into the routes someone added: the kernel's connected
 * routes (`protocol kernel`) and non-unicast routes (prohibit, blackhole…) are left out.
 * `default` becomes `0.0.0.0/0`, a bare address `/32`. Sorted by destination, then gateway.
 */
export function parseRoutes(routeJson: string): ObservedRoute[] {
  const routes: ObservedRoute[] = [];
  for (const raw of arrayOf(safeJson(routeJson))) {
    if (!isObject(raw) || raw.protocol === "kernel") continue;
    if (raw.type !== undefined && raw.type !== "unicast") continue;
    const dst = raw.dst === "default" ? "0.0.0.0/0" : networkOf(raw.dst);
    if (dst === undefined) continue;
    const route: ObservedRoute = { dst };
    const via = ipv4Of(raw.gateway);
    const dev = nameOf(raw.dev, "interface");
    if (via !== undefined) route.via = via;
    if (dev !== undefined) route.dev = dev;
    routes.push(route);
  }
  const key = (route: ObservedRoute) => `${route.dst} ${route.via ?? ""} ${route.dev ?? ""}`;
  return routes.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** `/proc/sys/net/ipv4/ip_forward` → true when forwarding is on. */
export function parseIpForward(text: string): boolean {
  return text.trim() === "1";
}
