import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import { hostKey } from "@/lib/graph/keys";
import type { HostNode as HostNodeType } from "@/lib/graph/types";
import { useT } from "../../i18n/locale-provider";
import { useOverlay } from "../runs/runs-context";
import { useEditor } from "../state/editor-context";
import { DriftBadge } from "./drift-badge";
import { nodeTestId } from "./test-ids";

/** A host: a group holding its NICs, VLAN sub-interfaces and containers. */
export const HostNode = memo(function HostNode({ id, data, selected }: NodeProps<HostNodeType>) {
  const t = useT();
  const level = useEditor((s) => s.levels[id]);
  const testId = nodeTestId("host", data.name);
  const overlay = useOverlay(hostKey(data.name));
  return (
    <div
      data-testid={testId}
      data-level={level ?? "none"}
      data-drift={overlay.drift?.state ?? "none"}
      className={`relative h-full w-full rounded-lg border-2 bg-panel-2/60 ${
        level === "error" ? "border-danger" : level === "warning" ? "border-warn" : "border-border"
      } ${selected ? "outline-2 outline-accent" : ""}`}
    >
      {overlay.drift && <DriftBadge drift={overlay.drift} testId={`${testId}-drift`} />}
      <div className="flex h-9 items-center gap-2 border-b border-border px-3 text-sm">
        <span aria-hidden="true">▣</span>
        <span className="truncate font-mono font-semibold" title={data.name}>
          {data.name}
        </span>
        <span className="text-xs text-muted">{t("node.host")}</span>
        {level && level !== "info" && (
          <span
            role="img"
            aria-label={level === "error" ? t("node.hasErrors") : t("node.hasWarnings")}
            className={`ml-auto font-bold ${level === "error" ? "text-danger" : "text-warn"}`}
            data-testid={`${testId}-issue`}
          >
            {level === "error" ? "●" : "▲"}
          </span>
        )}
      </div>
    </div>
  );
});
