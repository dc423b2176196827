import type { CanvasNode, Graph, NodeKind } from "./types";

/**
 * Names and keys of canvas elements. A node's React Flow id never changes after it is created, but
 * its name can; `layoutKey` is derived from the current names, so positions saved under it survive
 * a rebuild of the graph from YAML (where ids are made from names again).
 */

export function hostKey(host: string): string {
  return `host:${host}`;
}
export function nicKey(host: string, nic: string): string {
  return `nic:${host}/${nic}`;
}
export function vlanKey(host: string, nic: string, vid: number | string): string {
  return `vlan:${host}/${nic}.${vid}`;
}
export function networkKey(network: string): string {
  return `network:${network}`;
}
export function containerKey(container: string): string {
  return `container:${container}`;
}
export function attachKey(container: string, network: string): string {
  return `attach:${container}->${network}`;
}
export function parentKey(network: string, host: string): string {
  return `parent:${network}@${host}`;
}
export function trunkKey(host: string, nic: string, vid: number | string): string {
  return `trunk:${host}/${nic}.${vid}`;
}

/** What the user sees as the node's name: VLAN sub-interfaces are named NIC.VID. */
export function displayName(node: CanvasNode, nicOfVlan?: string): string {
  switch (node.type) {
    case "vlan":
      return nicOfVlan ? `${nicOfVlan}.${node.data.vid}` : `?.${node.data.vid}`;
    default:
      return node.data.name;
  }
}

/** The NIC node a VLAN node hangs from (the source of its trunk edge). */
export function nicOfVlan(graph: Pick<Graph, "nodes" | "edges">, vlanId: string): CanvasNode | undefined {
  const trunk = graph.edges.find((edge) => edge.type === "trunk" && edge.target === vlanId);
  return trunk ? graph.nodes.find((node) => node.id === trunk.source) : undefined;
}

/** Layout keys of every node, from current names (see the module comment). */
export function layoutKeys(graph: Pick<Graph, "nodes" | "edges">): Map<string, string> {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const nicByVlan = new Map<string, string>();
  for (const edge of graph.edges) if (edge.type === "trunk") nicByVlan.set(edge.target, edge.source);
  const hostName = (node: CanvasNode) => {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    return parent?.type === "host" ? parent.data.name : "";
  };
  const keys = new Map<string, string>();
  for (const node of graph.nodes) {
    switch (node.type) {
      case "host":
        keys.set(node.id, hostKey(node.data.name));
        break;
      case "nic":
        keys.set(node.id, nicKey(hostName(node), node.data.name));
        break;
      case "vlan": {
        const nic = byId.get(nicByVlan.get(node.id) ?? "");
        keys.set(node.id, vlanKey(hostName(node), nic?.type === "nic" ? nic.data.name : "", node.data.vid));
        break;
      }
      case "network":
        keys.set(node.id, networkKey(node.data.name));
        break;
      case "container":
        keys.set(node.id, containerKey(node.data.name));
        break;
    }
  }
  return keys;
}

/** The first of `base1`, `base2`, … not in `taken` (or `base` itself when `numbered` is false and it is free). */
export function freeName(base: string, taken: Iterable<string>, numbered = true, start = 1): string {
  const used = new Set(taken);
  if (!numbered && !used.has(base)) return base;
  for (let i = start; ; i++) {
    const candidate = `${base}${i}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** An id not used by any node or edge, based on `key`. */
export function freeId(key: string, graph: Pick<Graph, "nodes" | "edges">): string {
  const used = new Set<string>([...graph.nodes.map((n) => n.id), ...graph.edges.map((e) => e.id)]);
  if (!used.has(key)) return key;
  for (let i = 2; ; i++) if (!used.has(`${key}#${i}`)) return `${key}#${i}`;
}

export const NODE_KINDS: readonly NodeKind[] = ["host", "nic", "vlan", "network", "container"];
