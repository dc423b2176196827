import { type Text, t } from "../i18n/text";
import { nicOfVlan } from "./keys";
import type { CanvasNode, EdgeKind, Graph } from "./types";

export type ConnectionCheck =
  | { ok: true; kind: Exclude<EdgeKind, "trunk">; source: string; target: string }
  /** `reason`: why the connection is refused, a Text the editor renders in its locale. */
  | { ok: false; reason: Text };

type Ends = { source: string; target: string };

function label(node: CanvasNode, graph: Pick<Graph, "nodes" | "edges">): Text {
  if (node.type === "vlan") {
    const nic = nicOfVlan(graph, node.id);
    return t`VLAN ${`${nic?.type === "nic" ? `${nic.data.name}.` : ""}${node.data.vid}`}`;
  }
  if (node.type === "nic") return t`NIC '${node.data.name}'`;
  if (node.type === "container") return t`container '${node.data.name}'`;
  if (node.type === "network") return t`network '${node.data.name}'`;
  return t`host '${node.data.name}'`;
}

function hostName(graph: Pick<Graph, "nodes">, node: CanvasNode): string {
  const host = graph.nodes.find((candidate) => candidate.id === node.parentId);
  return host?.type === "host" ? host.data.name : "?";
}

function refuse(reason: Text): { ok: false; reason: Text } {
  return { ok: false, reason };
}

/**
 * Whether a connection the user is drawing makes sense, in either direction, and what edge it
 * becomes: container ↔ network is an attachment; macvlan network ↔ NIC or VLAN is that network's
 * parent on the interface's host. Everything else is refused with the reason, in words.
 */
export function checkConnection(graph: Pick<Graph, "nodes" | "edges">, ends: Ends): ConnectionCheck {
  const a = graph.nodes.find((node) => node.id === ends.source);
  const b = graph.nodes.find((node) => node.id === ends.target);
  if (!a || !b) return refuse(t`Connect two elements of the design.`);
  if (a.id === b.id) return refuse(t`An element cannot connect to itself.`);
  const pair = [a, b];
  const of = <K extends CanvasNode["type"]>(kind: K) =>
    pair.find((node): node is Extract<CanvasNode, { type: K }> => node.type === kind);

  if (a.type === "host" || b.type === "host")
    return refuse(t`Connect a NIC, VLAN or container of the host, not the host itself.`);

  const container = of("container");
  const network = of("network");
  if (container && network) {
    if (
      graph.edges.some((edge) => edge.type === "attach" && edge.source === container.id && edge.target === network.id)
    )
      return refuse(t`${label(container, graph)} is already on network '${network.data.name}'.`);
    return { ok: true, kind: "attach", source: container.id, target: network.id };
  }
  if (container) {
    const other = a === container ? b : a;
    return refuse(
      other.type === "container"
        ? t`Containers reach each other through a network: connect each one to a network.`
        : t`A container connects to a network, not to a ${other.type === "nic" ? "NIC" : other.type.toUpperCase()}; Docker picks the interface.`,
    );
  }

  const iface = pair.find((node) => node.type === "nic" || node.type === "vlan");
  if (network && iface) {
    if (network.data.spec.driver !== "macvlan")
      return refuse(
        t`Only macvlan networks take a parent interface; '${network.data.name}' is ${network.data.spec.driver}.`,
      );
    const host = hostName(graph, iface);
    const taken = graph.edges.find(
      (edge) =>
        edge.type === "parent" &&
        edge.source === network.id &&
        graph.nodes.find((node) => node.id === edge.target)?.parentId === iface.parentId,
    );
    if (taken) {
      const current = graph.nodes.find((node) => node.id === taken.target);
      return refuse(
        t`Network '${network.data.name}' already has a parent on ${host}${current ? t` (${label(current, graph)})` : ""}: one per host.`,
      );
    }
    return { ok: true, kind: "parent", source: network.id, target: iface.id };
  }
  if (network) return refuse(t`Networks do not connect to each other.`);
  if (of("nic") && of("vlan")) return refuse(t`A VLAN belongs to one NIC: choose its NIC in the inspector.`);
  return refuse(t`Interfaces connect to macvlan networks, not to each other.`);
}
