import { type EdgeProps, getBezierPath } from "@xyflow/react";
import { memo } from "react";
import { useShallow } from "zustand/react/shallow";
import type { ParentEdge as ParentEdgeType } from "@/lib/graph/types";
import { edgeTestId } from "../nodes/test-ids";
import { useEditor } from "../state/editor-context";
import { EdgePath } from "./edge-path";

/** A macvlan network's parent interface on one host. */
export const ParentEdge = memo(function ParentEdge(props: EdgeProps<ParentEdgeType>) {
  const { id, source, target, selected } = props;
  const [path] = getBezierPath(props);
  const { level, network, iface, host } = useEditor(
    useShallow((s) => ({
      level: s.levels[id],
      network: s.names[source] ?? "",
      iface: s.names[target] ?? "",
      host: s.hostNames[target] ?? "",
    })),
  );
  return (
    <EdgePath
      path={path}
      testId={edgeTestId("parent", network, `${host}/${iface}`)}
      dashed="6 4"
      className={
        level === "error" ? "!stroke-[var(--danger)]" : selected ? "!stroke-[var(--accent)]" : "!stroke-[var(--ok)]"
      }
    />
  );
});
