import { type EdgeProps, getStraightPath } from "@xyflow/react";
import { memo } from "react";
import type { TrunkEdge as TrunkEdgeType } from "@/lib/graph/types";
import { edgeTestId } from "../nodes/test-ids";
import { useEditor } from "../state/editor-context";
import { EdgePath } from "./edge-path";

/** A VLAN sub-interface on its NIC (not drawn by the user; it follows the VLAN). */
export const TrunkEdge = memo(function TrunkEdge(props: EdgeProps<TrunkEdgeType>) {
  const [path] = getStraightPath(props);
  const name = useEditor((s) => s.names[props.target] ?? "");
  return <EdgePath path={path} testId={edgeTestId("trunk", "", name)} dashed="2 3" className="opacity-60" />;
});
