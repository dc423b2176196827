import { EdgeLabelRenderer, type EdgeProps, getBezierPath } from "@xyflow/react";
import { memo } from "react";
import { useShallow } from "zustand/react/shallow";
import { attachKey } from "@/lib/graph/keys";
import { networkColour } from "@/lib/graph/network-colour";
import type { AttachEdge as AttachEdgeType } from "@/lib/graph/types";
import { useT } from "../../i18n/locale-provider";
import { edgeTestId } from "../nodes/test-ids";
import { useOverlay } from "../runs/runs-context";
import { useEditor } from "../state/editor-context";
import { NetworkLink } from "./bus-drop";

/**
 * A container on a network, with its address: the design's, else the one Docker will assign. A solid
 * line in the network's colour (parents are dashed and thicker, NIC→VLAN links dotted and grey).
 */
export const AttachEdge = memo(function AttachEdge(props: EdgeProps<AttachEdgeType>) {
  const t = useT();
  const { id, source, target, data, selected } = props;
  const [path] = getBezierPath(props);
  // The address sits just above the container, where it belongs (mid-edge labels pile up over the NICs).
  const labelX = props.sourceX;
  const labelY = props.sourceY - 9;
  const {
    level,
    predicted,
    source: from,
    names,
    colour,
    bus,
  } = useEditor(
    useShallow((s) => ({
      level: s.levels[id],
      predicted: s.check.addresses.get(id)?.ip,
      source: s.check.addresses.get(id)?.source,
      names: `${s.names[source] ?? ""}\u0000${s.names[target] ?? ""}`,
      colour: s.netColours[target],
      bus: s.bus,
    })),
  );
  const [containerName = "", networkName = ""] = names.split("\u0000");
  const testId = edgeTestId("attach", containerName, networkName);
  const overlay = useOverlay(attachKey(containerName, networkName));
  const ip = data?.ip ?? predicted;
  const text = ip
    ? `${ip}${data?.ip ? "" : from === "predicted" ? ` ${t("edge.auto")}` : ""}`
    : from === "runtime"
      ? t("edge.runtime")
      : "";
  const pathProps = {
    testId,
    className: overlay.failed
      ? "!stroke-[var(--danger)] !stroke-[3px]"
      : level === "error"
        ? "!stroke-[var(--danger)]"
        : selected
          ? "!stroke-[var(--accent)]"
          : "",
    dashed: overlay.drift ? "4 3" : undefined,
    failed: overlay.failed,
    kind: "attach",
    style: { stroke: networkColour(colour), strokeWidth: 2 },
  };
  return (
    <>
      <NetworkLink {...pathProps} edge={props} bus={bus} colour={colour} fallback={path} />
      {text && (
        <EdgeLabelRenderer>
          <div
            className={`nodrag nopan pointer-events-auto absolute rounded border px-1 font-mono text-[10px] ${
              level === "error" ? "border-danger bg-panel text-danger" : "border-border bg-panel text-fg"
            }`}
            // Above the host boxes and the edges inside them (both are stacked over the label layer).
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, zIndex: 2 }}
            data-testid={`${testId}-label`}
          >
            {text}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
