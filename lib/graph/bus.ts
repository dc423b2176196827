import { SIZES } from "./layout";
import type { CanvasNode } from "./types";

/**
 * Networks drawn as buses: a level of detail for big designs. Each network becomes a horizontal bar
 * above all hosts, as wide as they are, and every container or parent NIC on it drops a line straight
 * up onto its bar, instead of one network node gathering a fan of long diagonal edges. Pure view
 * logic: the design and its saved positions never change, only what is drawn.
 */

/** Bar geometry (px): height of a bar, the space between bars, and between the last bar and the hosts. */
export const BUS = { height: 40, gap: 10, aboveHosts: 56, overhang: 24 } as const;

type Rect = { x: number; y: number; width: number; height: number };

/**
 * The nodes to draw with networks as bars: each network (in design order) gets a bar spanning every
 * top-level host, stacked above the highest host; it cannot be dragged (its place follows the hosts).
 * Other nodes keep their identity. With no hosts, the nodes are returned as they are.
 */
export function busNodes(nodes: readonly CanvasNode[]): CanvasNode[] {
  const hosts = nodes.filter((node) => node.type === "host" && !node.parentId);
  const networks = nodes.filter((node) => node.type === "network");
  if (hosts.length === 0 || networks.length === 0) return [...nodes];
  let left = Number.POSITIVE_INFINITY;
  let right = Number.NEGATIVE_INFINITY;
  let top = Number.POSITIVE_INFINITY;
  for (const host of hosts) {
    left = Math.min(left, host.position.x);
    right = Math.max(right, host.position.x + (host.width ?? 0));
    top = Math.min(top, host.position.y);
  }
  const width = Math.max(right - left, 0) + BUS.overhang * 2;
  const order = new Map(networks.map((node, i) => [node.id, i]));
  return nodes.map((node) => {
    const i = order.get(node.id);
    if (i === undefined) return node;
    const fromHosts = (networks.length - i) * (BUS.height + BUS.gap) - BUS.gap + BUS.aboveHosts;
    return {
      ...node,
      position: { x: left - BUS.overhang, y: top - fromHosts },
      width,
      height: BUS.height,
      draggable: false,
    } as CanvasNode;
  });
}

/**
 * The path of one drop from a node (a container or a parent NIC) onto its network's bar, in absolute
 * canvas coordinates: up from the node's top-centre handle into the gap above it, left into the gap
 * beside it (nodes sit in a grid with gaps, so the line passes between them, not through them), then
 * straight up to the bar's lower edge. `lane` (0, 1, 2, …) spaces the lines of different networks
 * in that gap. A `straight` drop (a parent NIC or VLAN, in the host's first row, under its header)
 * goes straight up from the handle, so it never runs along the host's name. Returns the SVG path and
 * where it lands on the bar.
 */
export function busDropPath(
  from: { x: number; y: number },
  node: Rect,
  bar: Rect,
  lane: number,
  straight = false,
): { path: string; land: { x: number; y: number } } {
  const barBottom = bar.y + bar.height;
  const laneX = node.x - 3 - (lane % 3) * 4;
  const x = Math.min(Math.max(laneX, bar.x + 4), bar.x + bar.width - 4);
  const elbow = from.y - 8;
  if (straight || elbow <= barBottom) {
    // The node is right under the bar (or above it): one straight drop from the handle.
    const straight = Math.min(Math.max(from.x, bar.x + 4), bar.x + bar.width - 4);
    return { path: `M ${from.x} ${from.y} L ${straight} ${barBottom}`, land: { x: straight, y: barBottom } };
  }
  return {
    path: `M ${from.x} ${from.y} L ${from.x} ${elbow} L ${x} ${elbow} L ${x} ${barBottom}`,
    land: { x, y: barBottom },
  };
}

/**
 * The path of an attachment in the ordinary drawing (networks as nodes): out of the container's host
 * through the gaps, as a bus drop does (up from the handle, into the gap beside the container, up that
 * gap to just above the host's box), then a curve to the network's handle. Inside the host the line
 * so passes between the interfaces and containers instead of across them. A `straight` route (a
 * parent NIC or VLAN) goes straight up from its handle through the host's header instead, when
 * the node is in the host's first row (below that, it takes the gap as a container does). Undefined when the network is not above the host (a drawing the user rearranged):
 * the caller then draws its usual curve.
 */
export function routedAttachPath(
  from: { x: number; y: number },
  node: Rect,
  host: Rect,
  to: { x: number; y: number },
  lane: number,
  straight = false,
): string | undefined {
  const channel = host.y - 10 - (lane % 3) * 4;
  if (to.y >= channel - 8) return undefined;
  const bend = Math.min(48, (channel - to.y) / 2);
  if (straight && node.y - host.y <= SIZES.header + SIZES.gap)
    return `M ${from.x} ${from.y} L ${from.x} ${channel} C ${from.x} ${channel - bend} ${to.x} ${to.y + bend} ${to.x} ${to.y}`;
  const x = node.x - 3 - (lane % 3) * 4;
  const elbow = from.y - 8;
  return `M ${from.x} ${from.y} L ${from.x} ${elbow} L ${x} ${elbow} L ${x} ${channel} C ${x} ${channel - bend} ${to.x} ${to.y + bend} ${to.x} ${to.y}`;
}
