/**
 * How one audit row ended, for its colour: a command's exit code (0 is success), or a Docker API
 * call's HTTP status (1xx–3xx success, 4xx/5xx failure). Events and rows without a code (an intent
 * row, written before its command ran) are `none`: neither success nor failure. Kept apart from the
 * page so the rule is one pure function: HTTP 200 is not an error, exit 1 is.
 */
export type AuditOutcome = "ok" | "failed" | "none";

/** The {@link AuditOutcome} of a row from its kind and its exit code or HTTP status. */
export function auditOutcome(row: { kind: "command" | "api" | "event"; exitCode: number | null }): AuditOutcome {
  if (row.exitCode === null || row.kind === "event") return "none";
  if (row.kind === "api") return row.exitCode >= 400 || row.exitCode < 100 ? "failed" : "ok";
  return row.exitCode === 0 ? "ok" : "failed";
}
