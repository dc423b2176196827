/**
 * The one parser of point ids (`HOST:IFACE`, `container:NAME[:IFACE]`, `wire[:HOST]`), shared by
 * capture, trace and link impairments. Syntax only, and strict: names and interfaces are allow-listed
 * word characters, so a hostile id (shell characters, an option, a path, control characters) is
 * refused here, before anything looks it up or runs. Whether the design has the point is the
 * caller's check (capture: lib/capture/points.ts; impairments: the design's hosts and containers). Pure.
 */

/** A parsed point id. A container's `iface` is absent when the id names none (its first interface). */
export type PointRef =
  | { kind: "host"; host: string; iface: string }
  | { kind: "container"; container: string; iface?: string }
  | { kind: "wire"; host?: string };

/** Longest point id accepted (characters). */
export const MAX_POINT_ID_LENGTH = 200;

/** A host or container name: as the design allows them (lib/topology/names), at most 63 characters. */
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;
/** A Linux interface name (at most 15 characters; `@` appears in `ip link`'s `veth@if7` form). */
const IFACE = /^[a-zA-Z0-9][a-zA-Z0-9_.@-]{0,14}$/;

/** The id's parts, or null when it is not a point id at all. */
export function parsePointId(text: string): PointRef | null {
  if (text.length > MAX_POINT_ID_LENGTH) return null;
  const [head = "", second, third, ...rest] = text.split(":");
  if (rest.length) return null;
  if (head === "container") {
    if (second === undefined || !NAME.test(second)) return null;
    if (third === undefined) return { kind: "container", container: second };
    return IFACE.test(third) ? { kind: "container", container: second, iface: third } : null;
  }
  if (head === "wire" && third === undefined) {
    if (second === undefined) return { kind: "wire" };
    if (NAME.test(second)) return { kind: "wire", host: second };
  }
  if (third !== undefined || second === undefined) return null;
  return NAME.test(head) && IFACE.test(second) ? { kind: "host", host: head, iface: second } : null;
}
