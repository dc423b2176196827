import { DRIVERS, type Driver } from "@/lib/topology";
import { type Text, t } from "../i18n/text";
import type { AddRequest } from "./edit";
import { SIZES } from "./layout";
import type { CanvasNode, Graph } from "./types";

/** What the palette offers: one entry per node kind, and one per network driver. */
export type PaletteItem =
  | { kind: "host" }
  | { kind: "nic" }
  | { kind: "vlan" }
  | { kind: "container" }
  | { kind: "network"; driver: Driver };

export const PALETTE: readonly PaletteItem[] = [
  { kind: "host" },
  { kind: "nic" },
  { kind: "vlan" },
  ...DRIVERS.map((driver) => ({ kind: "network" as const, driver })),
  { kind: "container" },
];

/** `host`, `nic`, `vlan`, `container`, `network:<driver>`: the drag payload and the test id suffix. */
export function paletteKey(item: PaletteItem): string {
  return item.kind === "network" ? `network-${item.driver}` : item.kind;
}

/** The palette item a drag payload names, or undefined for anything else (payloads are untrusted). */
export function parsePaletteKey(text: string): PaletteItem | undefined {
  return PALETTE.find((item) => paletteKey(item) === text);
}

function contains(node: CanvasNode, point: { x: number; y: number }, origin = { x: 0, y: 0 }): boolean {
  const x = origin.x + node.position.x;
  const y = origin.y + node.position.y;
  return point.x >= x && point.y >= y && point.x <= x + (node.width ?? 0) && point.y <= y + (node.height ?? 0);
}

const CHILD_NOUN = { nic: t`a NIC`, vlan: t`a VLAN sub-interface`, container: t`a container` } as const;

/** A refused drop or pick: why, as a Text the editor renders in its locale. */
export type PaletteRefusal = { reason: Text };

function refusal(reason: Text): PaletteRefusal {
  return { reason };
}

/** What dropping a palette item at a point (flow coordinates) adds, or why it cannot go there. */
export function dropRequest(
  graph: Graph,
  item: PaletteItem,
  point: { x: number; y: number },
): AddRequest | PaletteRefusal {
  if (item.kind === "host")
    return { kind: "host", position: { x: point.x - SIZES.child.width / 2, y: point.y - SIZES.header / 2 } };
  if (item.kind === "network")
    return {
      kind: "network",
      driver: item.driver,
      position: { x: point.x - SIZES.network.width / 2, y: point.y - SIZES.network.height / 2 },
    };
  const hosts = graph.nodes.filter((node) => node.type === "host" && !node.parentId);
  const host = [...hosts].reverse().find((node) => contains(node, point));
  if (!host) return refusal(t`Drop ${CHILD_NOUN[item.kind]} inside a host.`);
  const position = {
    x: Math.max(SIZES.pad, point.x - host.position.x - SIZES.child.width / 2),
    y: Math.max(SIZES.header, point.y - host.position.y - SIZES.child.height / 2),
  };
  if (item.kind === "vlan") {
    const nic = graph.nodes.find(
      (node) => node.type === "nic" && node.parentId === host.id && contains(node, point, host.position),
    );
    return { kind: "vlan", hostId: host.id, position, ...(nic && { nicId: nic.id }) };
  }
  return { kind: item.kind, hostId: host.id, position };
}

/** What choosing a palette item with the keyboard (or a click) adds: children go into the selected host. */
export function pickRequest(
  graph: Graph,
  item: PaletteItem,
  selectedIds: readonly string[],
): AddRequest | PaletteRefusal {
  if (item.kind === "host") return { kind: "host" };
  if (item.kind === "network") return { kind: "network", driver: item.driver };
  const selected = graph.nodes.filter((node) => selectedIds.includes(node.id));
  const host =
    selected.find((node) => node.type === "host") ??
    graph.nodes.find((node) => node.type === "host" && selected.some((child) => child.parentId === node.id));
  if (!host) return refusal(t`Select a host first, then add ${CHILD_NOUN[item.kind]} (or drag it onto a host).`);
  if (item.kind === "vlan") {
    const nic = selected.find((node) => node.type === "nic" && node.parentId === host.id);
    return { kind: "vlan", hostId: host.id, ...(nic && { nicId: nic.id }) };
  }
  return { kind: item.kind, hostId: host.id };
}
