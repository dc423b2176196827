import type { EdgeTypes } from "@xyflow/react";
import type { EdgeKind } from "@/lib/graph/types";
import { AttachEdge } from "./attach-edge";
import { ParentEdge } from "./parent-edge";
import { TrunkEdge } from "./trunk-edge";

/** One component per edge kind; a missing kind is a compile error. */
export const edgeTypes: Record<EdgeKind, EdgeTypes[string]> = {
  attach: AttachEdge,
  parent: ParentEdge,
  trunk: TrunkEdge,
};
