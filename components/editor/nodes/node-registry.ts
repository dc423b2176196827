import type { NodeProps } from "@xyflow/react";
import type { ComponentType } from "react";
import type { CanvasNode, NodeKind } from "@/lib/graph/types";
import { ContainerNode } from "./container-node";
import { HostNode } from "./host-node";
import { NetworkNode } from "./network-node";
import { NicNode } from "./nic-node";
import { VlanNode } from "./vlan-node";

type Registry = { [K in NodeKind]: ComponentType<NodeProps<Extract<CanvasNode, { type: K }>>> };

/** One component per node kind; adding a kind to NodeKind without one here is a compile error. */
export const nodeTypes: Registry = {
  host: HostNode,
  nic: NicNode,
  vlan: VlanNode,
  network: NetworkNode,
  container: ContainerNode,
};
