import type { CanvasNode, Graph } from "./types";

/**
 * Level of detail for big designs: hosts can be drawn collapsed, as one box with their counts, and
 * any element can be found by name. Pure view logic: the design itself never changes.
 */

/** Past this many containers an opened design starts with every host collapsed. */
export const COLLAPSE_FROM_CONTAINERS = 60;

/** The size of a collapsed host's box (px): as wide as the host is expanded (at least this), this tall. */
export const COLLAPSED_HOST = { width: 240, height: 120 } as const;

/** What a collapsed host says about itself. */
export type HostCounts = { containers: number; interfaces: number };

/** Containers and interfaces (NICs and VLANs) per host id. */
export function hostCounts(nodes: readonly CanvasNode[]): Record<string, HostCounts> {
  const counts: Record<string, HostCounts> = {};
  for (const node of nodes) {
    if (!node.parentId) continue;
    const entry = counts[node.parentId] ?? { containers: 0, interfaces: 0 };
    if (node.type === "container") entry.containers++;
    else entry.interfaces++;
    counts[node.parentId] = entry;
  }
  return counts;
}

/** The hosts a design opens with collapsed: all of them once it has many containers, else none. */
export function initialCollapsed(graph: Pick<Graph, "nodes">): Record<string, true> {
  const containers = graph.nodes.filter((node) => node.type === "container").length;
  if (containers < COLLAPSE_FROM_CONTAINERS) return {};
  return Object.fromEntries(graph.nodes.filter((node) => node.type === "host").map((node) => [node.id, true]));
}

/**
 * The nodes to draw: children of collapsed hosts are hidden (React Flow then hides their edges too)
 * and a collapsed host is drawn at its small size. Nodes that do not change keep their identity, so
 * React Flow re-renders only what did.
 */
export function visibleNodes(nodes: readonly CanvasNode[], collapsed: Readonly<Record<string, true>>): CanvasNode[] {
  return nodes.map((node) => {
    if (node.type === "host" && collapsed[node.id])
      return { ...node, width: Math.max(COLLAPSED_HOST.width, node.width ?? 0), height: COLLAPSED_HOST.height };
    if (node.parentId && collapsed[node.parentId]) return { ...node, hidden: true };
    return node;
  });
}

/** One search result: the node, what it is called, and the host it is on (for children). */
export type Found = { id: string; kind: CanvasNode["type"]; name: string; host?: string };

/**
 * Elements whose name (or, for containers, image; for networks, subnet) contains the query, case
 * insensitive: exact names first, then names that start with it, then the rest, each group by
 * name. At most `limit` results. `names` are display names (VLANs as NIC.VID) by node id.
 */
export function searchNodes(
  graph: Pick<Graph, "nodes">,
  names: Readonly<Record<string, string>>,
  query: string,
  limit = 12,
): Found[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [];
  const scored: { found: Found; rank: number }[] = [];
  for (const node of graph.nodes) {
    const name = names[node.id] ?? "";
    const lower = name.toLowerCase();
    const extra =
      node.type === "container"
        ? node.data.image
        : node.type === "network" && "subnet" in node.data.spec
          ? (node.data.spec.subnet ?? "")
          : node.type === "nic" || node.type === "vlan"
            ? (node.data.address ?? "")
            : "";
    const rank = lower === needle ? 0 : lower.startsWith(needle) ? 1 : lower.includes(needle) ? 2 : -1;
    const rankExtra = rank < 0 && extra.toLowerCase().includes(needle) ? 3 : rank;
    if (rankExtra < 0) continue;
    const host = node.parentId ? names[node.parentId] : undefined;
    scored.push({
      found: { id: node.id, kind: node.type, name, ...(host !== undefined && { host }) },
      rank: rankExtra,
    });
  }
  scored.sort((a, b) => a.rank - b.rank || a.found.name.localeCompare(b.found.name, "en", { numeric: true }));
  return scored.slice(0, limit).map((entry) => entry.found);
}
