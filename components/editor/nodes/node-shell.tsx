import { Handle, Position } from "@xyflow/react";
import { memo, type ReactNode } from "react";
import type { DriftMark } from "@/lib/drift/drift";
import { useT } from "../../i18n/locale-provider";
import type { Level } from "../state/editor-store";
import { DriftBadge } from "./drift-badge";
import { IssueBadge } from "./issue-badge";

const LEVEL_BORDER: Record<Level, string> = {
  error: "border-danger ring-1 ring-danger",
  warning: "border-warn",
  info: "border-border",
};

/** The box every child node (NIC, VLAN, container) and network draws: title, detail, issue mark, one handle. */
export const NodeShell = memo(function NodeShell({
  testId,
  kindLabel,
  title,
  detail,
  level,
  selected,
  handle,
  tone,
  drift,
  failed = false,
  colour,
}: {
  testId: string;
  kindLabel: string;
  title: string;
  detail?: ReactNode;
  level: Level | undefined;
  selected: boolean;
  handle: Position;
  tone: string;
  /** How the hosts differ from this element (Apply tab), if they do. */
  drift?: DriftMark | undefined;
  /** On the path of a failed ping cell (Test tab). */
  failed?: boolean;
  /** The network colour this node wears (a bar on its left edge and its kind label). */
  colour?: string | undefined;
}) {
  const t = useT();
  return (
    <div
      data-testid={testId}
      data-level={level ?? "none"}
      data-drift={drift?.state ?? "none"}
      data-failed={failed ? "true" : undefined}
      style={colour ? { borderLeft: `6px solid ${colour}` } : undefined}
      className={`relative flex h-full w-full flex-col justify-center rounded-md border bg-panel px-2 py-1 text-xs shadow-sm ${
        level ? LEVEL_BORDER[level] : "border-border"
      } ${drift?.state === "missing" ? "border-dashed" : ""} ${failed ? "ring-2 ring-danger" : ""} ${
        selected ? "outline-2 outline-accent" : ""
      }`}
    >
      <div className="flex items-center gap-1.5">
        <span
          className={`rounded px-1 text-[10px] font-semibold uppercase tracking-wide ${tone}`}
          style={colour ? { color: colour } : undefined}
        >
          {kindLabel}
        </span>
        <span className="truncate font-mono font-medium" title={title}>
          {title}
        </span>
        <IssueBadge level={level} testId={testId} className="ml-auto" />
      </div>
      {detail !== undefined && <div className="truncate font-mono text-[11px] text-muted">{detail}</div>}
      {drift && <DriftBadge drift={drift} testId={`${testId}-drift`} />}
      <Handle
        type="source"
        position={handle}
        id="link"
        data-testid={`${testId}-handle`}
        aria-label={t("node.connect", { name: title })}
      />
    </div>
  );
});

export { Position };
