import { type NodeProps, useStore } from "@xyflow/react";
import { memo } from "react";
import { hostKey } from "@/lib/graph/keys";
import type { HostNode as HostNodeType } from "@/lib/graph/types";
import { useT } from "../../i18n/locale-provider";
import { useOverlay } from "../runs/runs-context";
import { useEditor, useEditorStore } from "../state/editor-context";
import { DriftBadge } from "./drift-badge";
import { IssueBadge } from "./issue-badge";
import { nodeTestId } from "./test-ids";

/**
 * A host: a group holding its NICs, VLAN sub-interfaces and containers, or, collapsed, one box with
 * their counts (big designs open that way) that expands on click.
 */
export const HostNode = memo(function HostNode({ id, data, selected }: NodeProps<HostNodeType>) {
  const t = useT();
  const store = useEditorStore();
  const level = useEditor((s) => s.levels[id]);
  const collapsed = useEditor((s) => s.collapsed[id] === true);
  const containers = useEditor((s) => s.counts[id]?.containers ?? 0);
  const interfaces = useEditor((s) => s.counts[id]?.interfaces ?? 0);
  const testId = nodeTestId("host", data.name);
  const overlay = useOverlay(hostKey(data.name));
  const counts = t("detail.counts", { containers, interfaces });
  // Zoomed far out (a big design at "fit"), a collapsed host shows just its name, large enough to read.
  const far = useStore((s) => s.transform[2] < 0.45);
  if (collapsed && far)
    return (
      <button
        type="button"
        data-testid={testId}
        data-level={level ?? "none"}
        data-drift={overlay.drift?.state ?? "none"}
        data-collapsed="true"
        className={`nodrag flex h-full w-full items-center justify-center rounded-lg border-4 bg-panel font-mono text-[72px] font-semibold ${
          level === "error" ? "border-danger" : level === "warning" ? "border-warn" : "border-border"
        } ${selected ? "outline-4 outline-accent" : ""}`}
        onClick={(event) => {
          event.stopPropagation();
          store.getState().toggleHost(id);
        }}
        title={`${data.name}: ${counts}`}
        aria-label={`${t("detail.expand")} ${data.name}: ${counts}`}
      >
        <span className="truncate px-2">{data.name}</span>
      </button>
    );
  return (
    <div
      data-testid={testId}
      data-level={level ?? "none"}
      data-drift={overlay.drift?.state ?? "none"}
      data-collapsed={collapsed ? "true" : "false"}
      className={`relative h-full w-full rounded-lg border-2 bg-panel-2/60 ${
        level === "error" ? "border-danger" : level === "warning" ? "border-warn" : "border-border"
      } ${collapsed ? "bg-panel shadow-sm" : ""} ${selected ? "outline-2 outline-accent" : ""}`}
    >
      {overlay.drift && <DriftBadge drift={overlay.drift} testId={`${testId}-drift`} />}
      <div className="flex h-9 items-center gap-2 border-b border-border px-3 text-sm">
        <span aria-hidden="true">▣</span>
        <span className="truncate font-mono font-semibold" title={data.name}>
          {data.name}
        </span>
        <span className="text-xs text-muted">{t("node.host")}</span>
        <IssueBadge level={level} testId={testId} />
        {!collapsed && (
          <button
            type="button"
            className="nodrag ml-auto rounded px-1 text-xs text-muted hover:bg-panel-2 hover:text-fg"
            onClick={(event) => {
              event.stopPropagation();
              store.getState().toggleHost(id);
            }}
            title={t("detail.collapse")}
            aria-label={`${t("detail.collapse")} ${data.name}`}
            data-testid={`${testId}-collapse`}
          >
            ▾
          </button>
        )}
      </div>
      {collapsed && (
        <button
          type="button"
          className="nodrag flex h-[calc(100%-2.25rem)] w-full items-center gap-2 px-3 text-left text-xs hover:bg-panel-2"
          onClick={(event) => {
            event.stopPropagation();
            store.getState().toggleHost(id);
          }}
          title={t("detail.expand")}
          aria-label={`${t("detail.expand")} ${data.name}: ${counts}`}
          data-testid={`${testId}-expand`}
        >
          <span aria-hidden="true">▸</span>
          <span className="font-mono" data-testid={`${testId}-counts`}>
            {counts}
          </span>
        </button>
      )}
    </div>
  );
});
