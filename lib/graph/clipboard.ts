import { freeId } from "./keys";
import { fitHosts } from "./layout";
import { freeContainerIp, freeInterfaceAddress, interfaceAddresses, networkAddresses } from "./readdress";
import type { CanvasEdge, CanvasNode, Graph } from "./types";

/** What Copy keeps: the selected nodes with their children, and the edges that touch them. */
export type Clip = { nodes: CanvasNode[]; edges: CanvasEdge[] };

/** Copies the nodes with the given ids, with every child of a copied host and every VLAN of a copied NIC. */
export function copyNodes(graph: Graph, ids: Iterable<string>): Clip {
  const picked = new Set(ids);
  for (const node of graph.nodes) if (node.parentId && picked.has(node.parentId)) picked.add(node.id);
  for (const edge of graph.edges) if (edge.type === "trunk" && picked.has(edge.source)) picked.add(edge.target);
  return {
    nodes: graph.nodes.filter((node) => picked.has(node.id)),
    edges: graph.edges.filter((edge) => picked.has(edge.source) || picked.has(edge.target)),
  };
}

function copyName(name: string, taken: Set<string>, limit: number): string {
  const base = name.replace(/-copy\d*$/, "");
  for (let i = 1; ; i++) {
    const suffix = i === 1 ? "-copy" : `-copy${i}`;
    const candidate = `${base.slice(0, Math.max(1, limit - suffix.length))}${suffix}`;
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
}

/**
 * Pastes a clip with fresh ids and names (`-copy`), offset so it does not hide the original.
 * Children whose host was not copied go back into their host (or `intoHost`). What must be unique is
 * made unique: names get `-copy`, a pasted host's interfaces stay the parents of the networks they
 * were parents of (on the new host), NIC and VLAN addresses move to the next free address of their
 * subnet, and a pasted container's fixed IP on a network that was not copied moves to the next free
 * address of that network (or is dropped, for Docker to assign, when there is none).
 * Returns the graph and the ids of the pasted nodes.
 */
export function pasteClip(graph: Graph, clip: Clip, offset = 32, intoHost?: string): { graph: Graph; ids: string[] } {
  const ids = new Map<string, string>();
  let work: Graph = graph;
  const hostNames = new Set(graph.nodes.flatMap((n) => (n.type === "host" ? [n.data.name] : [])));
  const networkNames = new Set(graph.nodes.flatMap((n) => (n.type === "network" ? [n.data.name] : [])));
  const containerNames = new Set(graph.nodes.flatMap((n) => (n.type === "container" ? [n.data.name] : [])));
  const nicNames = (hostId: string) =>
    new Set(work.nodes.flatMap((n) => (n.type === "nic" && n.parentId === hostId ? [n.data.name] : [])));
  const exists = (id: string) => work.nodes.some((n) => n.id === id && n.type === "host");
  const pasted: CanvasNode[] = [];
  const usedInterfaces = interfaceAddresses(graph);
  const readdress = <D extends { address?: string }>(data: D): D => {
    if (!data.address) return { ...data };
    const { address, ...rest } = data;
    const fresh = freeInterfaceAddress(address, usedInterfaces);
    return (fresh ? { ...rest, address: fresh } : rest) as D;
  };

  for (const node of clip.nodes) {
    const parentCopied = node.parentId ? ids.get(node.parentId) : undefined;
    const parentId = parentCopied ?? (node.parentId && exists(node.parentId) ? node.parentId : intoHost);
    if (node.type !== "host" && node.type !== "network" && !(parentId && (parentCopied || exists(parentId)))) continue;
    const id = freeId(`${node.id}-copy`, work);
    ids.set(node.id, id);
    const shift = parentCopied ? 0 : offset;
    const position = { x: node.position.x + shift, y: node.position.y + shift };
    let copy: CanvasNode;
    switch (node.type) {
      case "host":
        copy = {
          ...node,
          id,
          position,
          selected: true,
          data: { ...node.data, name: copyName(node.data.name, hostNames, 63) },
        };
        break;
      case "network":
        copy = {
          ...node,
          id,
          position,
          selected: true,
          data: { ...node.data, name: copyName(node.data.name, networkNames, 64) },
        };
        break;
      case "container":
        copy = {
          ...node,
          id,
          parentId,
          position,
          selected: !parentCopied,
          data: { ...node.data, name: copyName(node.data.name, containerNames, 128) },
        };
        break;
      case "nic":
        copy = {
          ...node,
          id,
          parentId,
          position,
          selected: !parentCopied,
          data: {
            ...readdress(node.data),
            name: parentCopied ? node.data.name : copyName(node.data.name, nicNames(parentId ?? ""), 15),
          },
        };
        break;
      case "vlan":
        copy = { ...node, id, parentId, position, selected: !parentCopied, data: readdress(node.data) };
        break;
    }
    pasted.push(copy);
    work = { ...work, nodes: [...work.nodes, copy] };
  }

  const edges: CanvasEdge[] = [];
  const usedOn = new Map<string, Set<number>>();
  const usedOnNetwork = (networkId: string) => {
    const used = usedOn.get(networkId) ?? networkAddresses(graph, networkId);
    usedOn.set(networkId, used);
    return used;
  };
  for (const edge of clip.edges) {
    const source = ids.get(edge.source) ?? edge.source;
    const target = ids.get(edge.target) ?? edge.target;
    if (source === edge.source && target === edge.target) continue;
    if (!work.nodes.some((n) => n.id === source) || !work.nodes.some((n) => n.id === target)) continue;
    if (edge.type === "parent" && !ids.has(edge.target)) continue;
    if (edge.type === "parent" && !ids.has(edge.source)) {
      // The network was not copied: the pasted interface becomes its parent on a host it has none on yet.
      const host = work.nodes.find((n) => n.id === target)?.parentId;
      const taken = work.edges.some(
        (other) =>
          other.type === "parent" &&
          other.source === source &&
          work.nodes.find((n) => n.id === other.target)?.parentId === host,
      );
      if (taken) continue;
    }
    if (edge.type === "trunk" && !ids.has(edge.target)) continue;
    const id = freeId(`${edge.id}-copy`, work);
    let copy: CanvasEdge = { ...edge, id, source, target };
    if (edge.type === "attach" && !ids.has(edge.target)) {
      const network = work.nodes.find((n) => n.id === target);
      const subnet =
        network?.type === "network" && "subnet" in network.data.spec ? network.data.spec.subnet : undefined;
      const ip = edge.data?.ip ? freeContainerIp(edge.data.ip, subnet, usedOnNetwork(target)) : undefined;
      copy = {
        ...edge,
        id,
        source,
        target,
        data: {
          kind: "attach" as const,
          ...(ip && { ip }),
          ...(edge.data?.aliases && { aliases: [...edge.data.aliases] }),
        },
      };
    }
    edges.push(copy);
    work = { ...work, edges: [...work.edges, copy] };
  }
  const vlansWithNic = new Set(edges.filter((e) => e.type === "trunk").map((e) => e.target));
  const dropped = new Set(pasted.filter((n) => n.type === "vlan" && !vlansWithNic.has(n.id)).map((n) => n.id));
  const unselected = graph.nodes.map((node) => (node.selected ? { ...node, selected: false } : node));
  return {
    graph: {
      ...graph,
      nodes: fitHosts([...unselected, ...pasted.filter((n) => !dropped.has(n.id))]),
      edges: [...graph.edges, ...edges],
    },
    ids: pasted.filter((n) => !dropped.has(n.id)).map((n) => n.id),
  };
}
