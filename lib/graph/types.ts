import type { Edge, Node, XYPosition } from "@xyflow/react";
import type { MacvlanNetwork, Network, Service, Shim } from "@/lib/topology";

/**
 * The canvas graph: what React Flow draws and the user edits. It is not the domain model; a
 * `Topology` is derived from it by `graphToTopology` and turned back by `topologyToGraph`.
 */

/** Every node kind. The editor's node registry is typed by it, so a missing kind is a compile error. */
export type NodeKind = "host" | "nic" | "vlan" | "network" | "container";

/** Every edge kind: a container on a network, a macvlan network's parent on one host, a VLAN on its NIC. */
export type EdgeKind = "attach" | "parent" | "trunk";

/** A host; its macvlan shims ride along unchanged (the canvas does not draw them). */
export type HostData = { kind: "host"; name: string; shims?: Shim[] };

export type NicData = { kind: "nic"; name: string; address?: string; promisc?: boolean };

/** An 802.1q sub-interface; its NIC is the source of its `trunk` edge. */
export type VlanData = { kind: "vlan"; vid: number; address?: string };

/** A macvlan network's parents are `parent` edges, so its spec has no `parent` field. */
export type MacvlanSpec = Omit<MacvlanNetwork, "parent">;
export type NetworkSpec = Exclude<Network, MacvlanNetwork> | MacvlanSpec;

export type NetworkData = { kind: "network"; name: string; spec: NetworkSpec };

/** A container; its host is the host group node holding it. */
export type ContainerData = {
  kind: "container";
  name: string;
  image: string;
  command?: string[];
  /** Carried through the canvas unchanged (edited in the YAML panel). */
  services?: Service[];
  publish?: string[];
};

export type NodeData = HostData | NicData | VlanData | NetworkData | ContainerData;

export type DataOf<K extends NodeKind> = Extract<NodeData, { kind: K }>;

export type HostNode = Node<HostData, "host">;
export type NicNode = Node<NicData, "nic">;
export type VlanNode = Node<VlanData, "vlan">;
export type NetworkNode = Node<NetworkData, "network">;
export type ContainerNode = Node<ContainerData, "container">;
export type CanvasNode = HostNode | NicNode | VlanNode | NetworkNode | ContainerNode;

export type AttachData = { kind: "attach"; ip?: string; aliases?: string[] };
export type ParentData = { kind: "parent" };
export type TrunkData = { kind: "trunk" };
export type EdgeData = AttachData | ParentData | TrunkData;

export type AttachEdge = Edge<AttachData, "attach">;
export type ParentEdge = Edge<ParentData, "parent">;
export type TrunkEdge = Edge<TrunkData, "trunk">;
export type CanvasEdge = AttachEdge | ParentEdge | TrunkEdge;

/** What the design says beside its hosts, networks and containers. */
export type GraphMeta = { name: string; description?: string };

export type Graph = { meta: GraphMeta; nodes: CanvasNode[]; edges: CanvasEdge[] };

/** Node positions kept beside the design (the file format has no place for them), keyed by `layoutKey`. */
export type Positions = Record<string, XYPosition>;

/** Edge types by kind (React Flow's edge `type` is optional, so `Extract` cannot pick them). */
export type EdgeOfKind = { attach: AttachEdge; parent: ParentEdge; trunk: TrunkEdge };
