import { type EdgeProps, getStraightPath } from "@xyflow/react";
import { memo } from "react";
import type { TrunkEdge as TrunkEdgeType } from "@/lib/graph/types";
import { edgeTestId } from "../nodes/test-ids";
import { useEditor } from "../state/editor-context";
import { EdgePath } from "./edge-path";

/**
 * A VLAN sub-interface on its NIC, the physical link (not drawn by the user; it follows the VLAN). It
 * takes no clicks: its click area used to cover the VLAN node it ends on.
 */
export const TrunkEdge = memo(function TrunkEdge(props: EdgeProps<TrunkEdgeType>) {
  const [path] = getStraightPath(props);
  const name = useEditor((s) => s.names[props.target] ?? "");
  return (
    <EdgePath
      path={path}
      testId={edgeTestId("trunk", "", name)}
      dashed="2 4"
      kind="trunk"
      interactive={false}
      style={{ stroke: "var(--muted)", strokeWidth: 2.5, strokeLinecap: "round" }}
      className=""
    />
  );
});
