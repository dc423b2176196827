import { type EdgeProps, getBezierPath } from "@xyflow/react";
import { memo } from "react";
import { useShallow } from "zustand/react/shallow";
import { networkColour } from "@/lib/graph/network-colour";
import type { ParentEdge as ParentEdgeType } from "@/lib/graph/types";
import { edgeTestId } from "../nodes/test-ids";
import { useEditor } from "../state/editor-context";
import { NetworkLink } from "./bus-drop";

/** A macvlan network's parent interface on one host: thick and dashed, in the network's colour. */
export const ParentEdge = memo(function ParentEdge(props: EdgeProps<ParentEdgeType>) {
  const { id, source, target, selected } = props;
  const [path] = getBezierPath(props);
  const { level, network, iface, host, colour, bus } = useEditor(
    useShallow((s) => ({
      level: s.levels[id],
      network: s.names[source] ?? "",
      iface: s.names[target] ?? "",
      host: s.hostNames[target] ?? "",
      colour: s.netColours[source],
      bus: s.bus,
    })),
  );
  const pathProps = {
    testId: edgeTestId("parent", network, `${host}/${iface}`),
    dashed: "10 5",
    kind: "parent",
    style: { stroke: networkColour(colour), strokeWidth: 3.5 },
    className: level === "error" ? "!stroke-[var(--danger)]" : selected ? "!stroke-[var(--accent)]" : "",
  };
  // The link leaves the NIC (the edge's target) for the network (its source).
  return <NetworkLink {...pathProps} edge={props} fromTarget bus={bus} colour={colour} fallback={path} straight />;
});
