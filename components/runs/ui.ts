/** Text colour per status word used across run views (the shared controls are in components/ui/classes.ts). */
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
