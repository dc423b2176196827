import type { Driver } from "@/lib/topology";
import { type Text, t } from "../i18n/text";
import type { ConnectionCheck } from "./connect";
import { defaultSpec, switchDriver } from "./defaults";
import { freeId, freeName, nicOfVlan } from "./keys";
import { fitHosts, SIZES } from "./layout";
import type { CanvasEdge, CanvasNode, EdgeData, Graph, NodeData } from "./types";

/** Pure edits of the canvas graph. Each returns a new graph; none mutates its input. */

export type AddRequest =
  | { kind: "host"; position?: { x: number; y: number } }
  | { kind: "network"; driver: Driver; position?: { x: number; y: number } }
  | { kind: "nic" | "container"; hostId: string; position?: { x: number; y: number } }
  | { kind: "vlan"; hostId: string; nicId?: string; position?: { x: number; y: number } };

/** The graph with the new node, or why it cannot be added (a Text: the editor renders it in its locale). */
export type AddResult = { ok: true; graph: Graph; nodeId: string } | { ok: false; reason: Text };

function childrenOf(graph: Graph, hostId: string): CanvasNode[] {
  return graph.nodes.filter((node) => node.parentId === hostId);
}

function overlaps(graph: Graph, hostId: string, position: { x: number; y: number }): boolean {
  return childrenOf(graph, hostId).some(
    (node) =>
      Math.abs(node.position.x - position.x) < (node.width ?? SIZES.child.width) &&
      Math.abs(node.position.y - position.y) < (node.height ?? SIZES.child.height),
  );
}

/** Where a new child goes: where it was dropped when that spot is free, else the next free slot. */
function childSlot(
  graph: Graph,
  hostId: string,
  dropped: { x: number; y: number } | undefined,
): { x: number; y: number } {
  return dropped && !overlaps(graph, hostId, dropped) ? dropped : nextSlot(graph, hostId);
}

/** Below the host's lowest child, at the left edge: where a new child goes when not dropped. */
function nextSlot(graph: Graph, hostId: string): { x: number; y: number } {
  const bottom = Math.max(
    SIZES.header - SIZES.gap,
    ...childrenOf(graph, hostId).map((node) => node.position.y + (node.height ?? SIZES.child.height)),
  );
  return { x: SIZES.pad, y: bottom + SIZES.gap };
}

function topSlot(graph: Graph, kind: "host" | "network"): { x: number; y: number } {
  const same = graph.nodes.filter((node) => node.type === kind);
  if (kind === "network") {
    const right = Math.max(
      -SIZES.gap * 2,
      ...same.map((node) => node.position.x + (node.width ?? SIZES.network.width)),
    );
    return { x: right + SIZES.gap * 2, y: Math.min(0, ...same.map((node) => node.position.y)) };
  }
  const networksBottom = Math.max(
    0,
    ...graph.nodes.filter((n) => n.type === "network").map((n) => n.position.y + (n.height ?? SIZES.network.height)),
  );
  const right = Math.max(-SIZES.gap * 3, ...same.map((node) => node.position.x + (node.width ?? 0)));
  const top = same[0]?.position.y ?? networksBottom + SIZES.rowGap;
  return { x: right + SIZES.gap * 3, y: top };
}

function namesOf(graph: Graph, kind: CanvasNode["type"], hostId?: string): string[] {
  return graph.nodes.flatMap((node) =>
    node.type === kind && node.type !== "vlan" && (hostId === undefined || node.parentId === hostId)
      ? [node.data.name]
      : [],
  );
}

function refuseAdd(reason: Text): { ok: false; reason: Text } {
  return { ok: false, reason };
}

/** Adds a node with a fresh name (node-N, ethN, VLAN 10, 20…, <driver>_netN, bbox-N). */
export function addNode(graph: Graph, request: AddRequest): AddResult {
  const host = "hostId" in request ? graph.nodes.find((node) => node.id === request.hostId) : undefined;
  if ("hostId" in request && host?.type !== "host")
    return refuseAdd(
      t`Put a ${request.kind === "nic" ? "NIC" : request.kind === "vlan" ? "VLAN" : "container"} inside a host.`,
    );
  let node: CanvasNode;
  const edges: CanvasEdge[] = [];
  switch (request.kind) {
    case "host": {
      const name = freeName("node-", namesOf(graph, "host"));
      node = {
        id: freeId(`host:${name}`, graph),
        type: "host",
        position: request.position ?? topSlot(graph, "host"),
        width: SIZES.child.width + SIZES.pad * 2,
        height: SIZES.header + SIZES.child.height + SIZES.pad * 2,
        data: { kind: "host", name },
      };
      break;
    }
    case "network": {
      const prefix = request.driver === "macvlan" ? "mac" : request.driver === "overlay" ? "ov" : request.driver;
      const name = freeName(`${prefix}_net`, namesOf(graph, "network"));
      node = {
        id: freeId(`network:${name}`, graph),
        type: "network",
        position: request.position ?? topSlot(graph, "network"),
        ...SIZES.network,
        data: { kind: "network", name, spec: defaultSpec(request.driver) },
      };
      break;
    }
    case "nic": {
      const hostId = request.hostId;
      const nicName = freeName("eth", namesOf(graph, "nic", hostId), true, 0);
      node = {
        id: freeId(`nic:${hostId}/${nicName}`, graph),
        type: "nic",
        parentId: hostId,
        extent: "parent",
        position: childSlot(graph, hostId, request.position),
        ...SIZES.child,
        data: { kind: "nic", name: nicName },
      };
      break;
    }
    case "vlan": {
      const hostId = request.hostId;
      const nics = childrenOf(graph, hostId).filter((n) => n.type === "nic");
      const nic = nics.find((n) => n.id === request.nicId) ?? nics[0];
      if (!nic) return refuseAdd(t`A VLAN sub-interface sits on a NIC: add a NIC to this host first.`);
      const used = new Set(
        graph.edges.flatMap((edge) => {
          if (edge.type !== "trunk" || edge.source !== nic.id) return [];
          const vlan = graph.nodes.find((n) => n.id === edge.target);
          return vlan?.type === "vlan" ? [vlan.data.vid] : [];
        }),
      );
      let vid = 10;
      while (used.has(vid)) vid += 10;
      const id = freeId(`vlan:${nic.id}.${vid}`, graph);
      node = {
        id,
        type: "vlan",
        parentId: hostId,
        extent: "parent",
        position: childSlot(graph, hostId, request.position),
        ...SIZES.child,
        data: { kind: "vlan", vid },
      };
      edges.push({
        id: freeId(`trunk:${id}`, graph),
        type: "trunk",
        source: nic.id,
        target: id,
        deletable: false,
        data: { kind: "trunk" },
      });
      break;
    }
    case "container": {
      const hostId = request.hostId;
      const name = freeName("bbox-", namesOf(graph, "container"));
      node = {
        id: freeId(`container:${name}`, graph),
        type: "container",
        parentId: hostId,
        extent: "parent",
        position: childSlot(graph, hostId, request.position),
        ...SIZES.child,
        data: { kind: "container", name, image: "busybox" },
      };
      break;
    }
  }
  const nodes = fitHosts([...graph.nodes, node]);
  return { ok: true, graph: { ...graph, nodes, edges: [...graph.edges, ...edges] }, nodeId: node.id };
}

/** Removes nodes and edges, with what depends on them: a host's children, a NIC's VLANs, their edges. */
export function removeElements(graph: Graph, nodeIds: Iterable<string>, edgeIds: Iterable<string> = []): Graph {
  const gone = new Set(nodeIds);
  let grew = true;
  while (grew) {
    grew = false;
    for (const node of graph.nodes)
      if (!gone.has(node.id) && node.parentId && gone.has(node.parentId)) {
        gone.add(node.id);
        grew = true;
      }
    for (const edge of graph.edges)
      if (edge.type === "trunk" && gone.has(edge.source) && !gone.has(edge.target)) {
        gone.add(edge.target);
        grew = true;
      }
  }
  const goneEdges = new Set(edgeIds);
  return {
    ...graph,
    nodes: graph.nodes.filter((node) => !gone.has(node.id)),
    edges: graph.edges.filter(
      (edge) => !gone.has(edge.source) && !gone.has(edge.target) && (edge.type === "trunk" || !goneEdges.has(edge.id)),
    ),
  };
}

/** Replaces one node's data (same kind). */
export function updateNodeData(graph: Graph, id: string, data: NodeData): Graph {
  return {
    ...graph,
    nodes: graph.nodes.map((node) =>
      node.id === id && node.type === data.kind ? ({ ...node, data } as CanvasNode) : node,
    ),
  };
}

/** Replaces one edge's data (same kind). */
export function updateEdgeData(graph: Graph, id: string, data: EdgeData): Graph {
  return {
    ...graph,
    edges: graph.edges.map((edge) =>
      edge.id === id && edge.type === data.kind ? ({ ...edge, data } as CanvasEdge) : edge,
    ),
  };
}

/** Switches a network's driver; parent links go when it stops being macvlan. */
export function setNetworkDriver(graph: Graph, id: string, driver: Driver): Graph {
  const node = graph.nodes.find((n) => n.id === id);
  if (node?.type !== "network") return graph;
  const next = updateNodeData(graph, id, { ...node.data, spec: switchDriver(node.data.spec, driver) });
  return driver === "macvlan"
    ? next
    : { ...next, edges: next.edges.filter((edge) => !(edge.type === "parent" && edge.source === id)) };
}

/** Adds the edge a successful `checkConnection` described. */
export function connect(graph: Graph, check: Extract<ConnectionCheck, { ok: true }>): Graph {
  const edge: CanvasEdge =
    check.kind === "attach"
      ? {
          id: freeId(`attach:${check.source}->${check.target}`, graph),
          type: "attach",
          source: check.source,
          target: check.target,
          data: { kind: "attach" },
        }
      : {
          id: freeId(`parent:${check.source}@${check.target}`, graph),
          type: "parent",
          source: check.source,
          target: check.target,
          data: { kind: "parent" },
        };
  return { ...graph, edges: [...graph.edges, edge] };
}

/** Sets (or, with `ifaceId` undefined, removes) a macvlan network's parent on one host. */
export function setParent(graph: Graph, networkId: string, hostId: string, ifaceId: string | undefined): Graph {
  const edges = graph.edges.filter(
    (edge) =>
      !(
        edge.type === "parent" &&
        edge.source === networkId &&
        graph.nodes.find((n) => n.id === edge.target)?.parentId === hostId
      ),
  );
  const cleared = { ...graph, edges };
  if (!ifaceId) return cleared;
  return connect(cleared, { ok: true, kind: "parent", source: networkId, target: ifaceId });
}

/** Moves a VLAN to another NIC of its host. */
export function setVlanNic(graph: Graph, vlanId: string, nicId: string): Graph {
  const current = nicOfVlan(graph, vlanId);
  if (current?.id === nicId) return graph;
  const edges = graph.edges.filter((edge) => !(edge.type === "trunk" && edge.target === vlanId));
  return {
    ...graph,
    edges: [
      ...edges,
      {
        id: freeId(`trunk:${vlanId}`, { ...graph, edges }),
        type: "trunk",
        source: nicId,
        target: vlanId,
        deletable: false,
        data: { kind: "trunk" },
      },
    ],
  };
}

/** Moves a container into another host; its attachments stay. */
export function moveToHost(graph: Graph, nodeId: string, hostId: string): Graph {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (
    node?.type !== "container" ||
    node.parentId === hostId ||
    graph.nodes.find((n) => n.id === hostId)?.type !== "host"
  )
    return graph;
  const position = nextSlot(graph, hostId);
  const nodes = graph.nodes.filter((n) => n.id !== nodeId);
  return { ...graph, nodes: fitHosts([...nodes, { ...node, parentId: hostId, position } as CanvasNode]) };
}
