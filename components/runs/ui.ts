/** Class lists of the run views (apply log, matrix), on top of components/topologies/ui.ts. */
export const smallButtonClass =
  "inline-flex items-center gap-1 rounded-md border border-border bg-panel px-2 py-1 text-xs font-medium hover:bg-panel-2 disabled:opacity-40";
export const smallPrimaryClass =
  "inline-flex items-center gap-1 rounded-md border border-accent bg-accent px-2.5 py-1 text-xs font-semibold text-accent-fg hover:opacity-90 disabled:opacity-40";
export const smallDangerClass =
  "inline-flex items-center gap-1 rounded-md border border-danger px-2.5 py-1 text-xs font-semibold text-danger hover:bg-panel-2 disabled:opacity-40";
export const codeBlockClass =
  "overflow-auto whitespace-pre-wrap break-all rounded border border-border bg-bg p-1.5 font-mono text-[11px] leading-4";

/** Text colour per status word used across run views. */
export const STATUS_TONE: Record<string, string> = {
  done: "text-ok",
  ok: "text-ok",
  pass: "text-ok",
  running: "text-info",
  partial: "text-warn",
  unknown: "text-warn",
  cancelled: "text-warn",
  skipped: "text-muted",
  waiting: "text-muted",
  failed: "text-danger",
  fail: "text-danger",
  unreachable: "text-danger",
  error: "text-danger",
};
