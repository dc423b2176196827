import { layoutKeys } from "./keys";
import type { CanvasEdge, CanvasNode, Positions } from "./types";

/** Node sizes on the canvas (px). Fixed sizes let layout run without measuring the DOM. */
export const SIZES = {
  child: { width: 156, height: 52 },
  network: { width: 208, height: 52 },
  gap: 16,
  header: 40,
  pad: 14,
  columns: 3,
  hostsPerRow: 5,
  networksPerRow: 8,
  rowGap: 72,
} as const;

type Box = { width: number; height: number };

function childGrid(count: number): { rows: number; cols: number } {
  const cols = Math.min(SIZES.columns, Math.max(1, count));
  return { rows: Math.ceil(count / SIZES.columns), cols };
}

function span(cols: number, size: number): number {
  return cols * (size + SIZES.gap) - SIZES.gap;
}

/** Interfaces of each host in drawing order: each NIC followed by its VLANs. */
function interfaceOrder(nodes: CanvasNode[], edges: CanvasEdge[]): Map<string, CanvasNode[]> {
  const vlansOf = new Map<string, CanvasNode[]>();
  const byId = new Map(nodes.map((node) => [node.id, node]));
  for (const edge of edges)
    if (edge.type === "trunk") {
      const vlan = byId.get(edge.target);
      if (vlan) vlansOf.set(edge.source, [...(vlansOf.get(edge.source) ?? []), vlan]);
    }
  const result = new Map<string, CanvasNode[]>();
  const placed = new Set<string>();
  for (const node of nodes) {
    if (node.type !== "nic" || !node.parentId) continue;
    const list = result.get(node.parentId) ?? [];
    list.push(node, ...(vlansOf.get(node.id) ?? []));
    for (const vlan of vlansOf.get(node.id) ?? []) placed.add(vlan.id);
    result.set(node.parentId, list);
  }
  for (const node of nodes)
    if (node.type === "vlan" && node.parentId && !placed.has(node.id))
      result.set(node.parentId, [...(result.get(node.parentId) ?? []), node]);
  return result;
}

/**
 * Deterministic auto-layout: networks in rows on top, hosts in rows below them, each host a grid of
 * its interfaces (NIC then its VLANs) above a grid of its containers. Pure; returns new nodes.
 */
export function layoutNodes(nodes: CanvasNode[], edges: CanvasEdge[]): CanvasNode[] {
  const ifaces = interfaceOrder(nodes, edges);
  const containers = new Map<string, CanvasNode[]>();
  for (const node of nodes)
    if (node.type === "container" && node.parentId)
      containers.set(node.parentId, [...(containers.get(node.parentId) ?? []), node]);

  const positions = new Map<string, { x: number; y: number }>();
  const hostBoxes = new Map<string, Box>();

  const networks = nodes.filter((node) => node.type === "network");
  networks.forEach((node, i) => {
    const col = i % SIZES.networksPerRow;
    const row = Math.floor(i / SIZES.networksPerRow);
    positions.set(node.id, {
      x: col * (SIZES.network.width + SIZES.gap * 2),
      y: row * (SIZES.network.height + SIZES.gap * 2),
    });
  });
  const networkRows = Math.ceil(networks.length / SIZES.networksPerRow);
  let top = networkRows * (SIZES.network.height + SIZES.gap * 2) + (networkRows ? SIZES.rowGap : 0);

  const hosts = nodes.filter((node) => node.type === "host");
  for (let start = 0; start < hosts.length; start += SIZES.hostsPerRow) {
    let left = 0;
    let rowHeight = 0;
    for (const host of hosts.slice(start, start + SIZES.hostsPerRow)) {
      const own = ifaces.get(host.id) ?? [];
      const ctrs = containers.get(host.id) ?? [];
      const a = childGrid(own.length);
      const b = childGrid(ctrs.length);
      own.forEach((node, i) => {
        positions.set(node.id, {
          x: SIZES.pad + (i % SIZES.columns) * (SIZES.child.width + SIZES.gap),
          y: SIZES.header + Math.floor(i / SIZES.columns) * (SIZES.child.height + SIZES.gap),
        });
      });
      const ctrTop = SIZES.header + a.rows * (SIZES.child.height + SIZES.gap) + (a.rows ? SIZES.gap : 0);
      ctrs.forEach((node, i) => {
        positions.set(node.id, {
          x: SIZES.pad + (i % SIZES.columns) * (SIZES.child.width + SIZES.gap),
          y: ctrTop + Math.floor(i / SIZES.columns) * (SIZES.child.height + SIZES.gap),
        });
      });
      const cols = Math.max(a.cols, b.cols, 1);
      const box = {
        width: span(cols, SIZES.child.width) + SIZES.pad * 2,
        height:
          Math.max(ctrTop + b.rows * (SIZES.child.height + SIZES.gap), SIZES.header + SIZES.child.height) + SIZES.pad,
      };
      hostBoxes.set(host.id, box);
      positions.set(host.id, { x: left, y: top });
      left += box.width + SIZES.gap * 3;
      rowHeight = Math.max(rowHeight, box.height);
    }
    top += rowHeight + SIZES.rowGap;
  }

  return nodes.map((node) => {
    const position = positions.get(node.id) ?? node.position;
    const box = hostBoxes.get(node.id);
    return { ...node, position, ...sizeOf(node, box) } as CanvasNode;
  });
}

function sizeOf(node: CanvasNode, box: Box | undefined): Box {
  if (node.type === "host") return box ?? { width: 200, height: 120 };
  if (node.type === "network") return { ...SIZES.network };
  return { ...SIZES.child };
}

/** Grows each host so it holds all its children (never shrinks it). */
export function fitHosts(nodes: CanvasNode[]): CanvasNode[] {
  const need = new Map<string, Box>();
  for (const node of nodes) {
    if (!node.parentId) continue;
    const width = node.position.x + (node.width ?? SIZES.child.width) + SIZES.pad;
    const height = node.position.y + (node.height ?? SIZES.child.height) + SIZES.pad;
    const current = need.get(node.parentId) ?? { width: 0, height: 0 };
    need.set(node.parentId, { width: Math.max(current.width, width), height: Math.max(current.height, height) });
  }
  return nodes.map((node) => {
    const box = need.get(node.id);
    if (node.type !== "host" || !box) return node;
    const width = Math.max(node.width ?? 0, box.width);
    const height = Math.max(node.height ?? 0, box.height);
    return width === node.width && height === node.height ? node : { ...node, width, height };
  });
}

/** Auto-layout, then the saved positions (by layout key) where there are any, then hosts grown to fit. */
export function placeNodes(nodes: CanvasNode[], edges: CanvasEdge[], saved: Positions = {}): CanvasNode[] {
  const laidOut = layoutNodes(nodes, edges);
  const keys = layoutKeys({ nodes: laidOut, edges });
  const placed = laidOut.map((node) => {
    const position = saved[keys.get(node.id) ?? ""];
    return position ? ({ ...node, position: { x: position.x, y: position.y } } as CanvasNode) : node;
  });
  return fitHosts(placed);
}

/** The side map of positions to keep beside the design (by layout key). */
export function positionsOf(graph: { nodes: CanvasNode[]; edges: CanvasEdge[] }): Positions {
  const keys = layoutKeys(graph);
  const result: Positions = {};
  for (const node of graph.nodes) {
    const key = keys.get(node.id);
    if (key) result[key] = { x: Math.round(node.position.x), y: Math.round(node.position.y) };
  }
  return result;
}

/**
 * The drawing closed up for a fixed-size pane (the lessons' canvases): the networks moved down to
 * `gap` px above the highest host, so fitting the drawing to its pane enlarges it more (on a
 * projector the text is then large enough to read from the back of a room). Pure; nodes other than
 * networks keep their identity; without hosts or networks, the nodes are returned as they are.
 */
export function closeUp(nodes: readonly CanvasNode[], gap = 32): CanvasNode[] {
  const hosts = nodes.filter((node) => node.type === "host" && !node.parentId);
  const networks = nodes.filter((node) => node.type === "network");
  if (hosts.length === 0 || networks.length === 0) return [...nodes];
  const hostsTop = Math.min(...hosts.map((node) => node.position.y));
  const networksBottom = Math.max(...networks.map((node) => node.position.y + (node.height ?? SIZES.network.height)));
  if (networksBottom > hostsTop) return [...nodes];
  const shift = hostsTop - gap - networksBottom;
  if (shift <= 0) return [...nodes];
  return nodes.map((node) =>
    node.type === "network"
      ? ({ ...node, position: { x: node.position.x, y: node.position.y + shift } } as CanvasNode)
      : node,
  );
}
