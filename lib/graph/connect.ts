import { nicOfVlan } from "./keys";
import type { CanvasNode, EdgeKind, Graph } from "./types";

export type ConnectionCheck =
  | { ok: true; kind: Exclude<EdgeKind, "trunk">; source: string; target: string }
  | { ok: false; reason: string };

type Ends = { source: string; target: string };

function label(node: CanvasNode, graph: Pick<Graph, "nodes" | "edges">): string {
  if (node.type === "vlan") {
    const nic = nicOfVlan(graph, node.id);
    return `VLAN ${nic?.type === "nic" ? `${nic.data.name}.` : ""}${node.data.vid}`;
  }
  return `${node.type === "nic" ? "NIC" : node.type} '${node.data.name}'`;
}

function hostName(graph: Pick<Graph, "nodes">, node: CanvasNode): string {
  const host = graph.nodes.find((candidate) => candidate.id === node.parentId);
  return host?.type === "host" ? host.data.name : "?";
}

/**
 * Whether a connection the user is drawing makes sense, in either direction, and what edge it
 * becomes: container ↔ network is an attachment; macvlan network ↔ NIC or VLAN is that network's
 * parent on the interface's host. Everything else is refused with the reason, in words.
 */
export function checkConnection(graph: Pick<Graph, "nodes" | "edges">, ends: Ends): ConnectionCheck {
  const a = graph.nodes.find((node) => node.id === ends.source);
  const b = graph.nodes.find((node) => node.id === ends.target);
  if (!a || !b) return { ok: false, reason: "Connect two elements of the design." };
  if (a.id === b.id) return { ok: false, reason: "An element cannot connect to itself." };
  const pair = [a, b];
  const of = <K extends CanvasNode["type"]>(kind: K) =>
    pair.find((node): node is Extract<CanvasNode, { type: K }> => node.type === kind);

  if (a.type === "host" || b.type === "host")
    return { ok: false, reason: "Connect a NIC, VLAN or container of the host, not the host itself." };

  const container = of("container");
  const network = of("network");
  if (container && network) {
    if (
      graph.edges.some((edge) => edge.type === "attach" && edge.source === container.id && edge.target === network.id)
    )
      return { ok: false, reason: `${label(container, graph)} is already on network '${network.data.name}'.` };
    return { ok: true, kind: "attach", source: container.id, target: network.id };
  }
  if (container) {
    const other = a === container ? b : a;
    return {
      ok: false,
      reason:
        other.type === "container"
          ? "Containers reach each other through a network: connect each one to a network."
          : `A container connects to a network, not to a ${other.type === "nic" ? "NIC" : other.type.toUpperCase()}; Docker picks the interface.`,
    };
  }

  const iface = pair.find((node) => node.type === "nic" || node.type === "vlan");
  if (network && iface) {
    if (network.data.spec.driver !== "macvlan")
      return {
        ok: false,
        reason: `Only macvlan networks take a parent interface; '${network.data.name}' is ${network.data.spec.driver}.`,
      };
    const host = hostName(graph, iface);
    const taken = graph.edges.find(
      (edge) =>
        edge.type === "parent" &&
        edge.source === network.id &&
        graph.nodes.find((node) => node.id === edge.target)?.parentId === iface.parentId,
    );
    if (taken) {
      const current = graph.nodes.find((node) => node.id === taken.target);
      return {
        ok: false,
        reason: `Network '${network.data.name}' already has a parent on ${host}${current ? ` (${label(current, graph)})` : ""}: one per host.`,
      };
    }
    return { ok: true, kind: "parent", source: network.id, target: iface.id };
  }
  if (network) return { ok: false, reason: "Networks do not connect to each other." };
  if (of("nic") && of("vlan"))
    return { ok: false, reason: "A VLAN belongs to one NIC: choose its NIC in the inspector." };
  return { ok: false, reason: "Interfaces connect to macvlan networks, not to each other." };
}
