import { INTENT_DETAIL } from "../exec/audit";
import type { AuditSink } from "./audit";

/**
 * Runs `action` between an intent row and a result row of the audit log, for work that changes
 * this machine rather than one command on a host (e.g. `lab up`/`lab down`, which run root
 * commands here). When the intent row cannot be written this throws (AuditWriteError) and the
 * action does not run; its outcome, or its error, is the result row.
 */
export async function auditedAction<T>(
  audit: Pick<AuditSink, "intend" | "record">,
  entry: { who: string; what: string; runId?: string | null },
  action: () => Promise<T>,
): Promise<T> {
  const base = { kind: "event" as const, who: entry.who, runId: entry.runId ?? null };
  audit.intend({ ...base, detail: `${entry.what}: ${INTENT_DETAIL}` });
  try {
    const result = await action();
    audit.record({ ...base, detail: `${entry.what}: done` });
    return result;
  } catch (error) {
    audit.record({
      ...base,
      detail: `${entry.what}: failed: ${error instanceof Error ? error.message : String(error)}`,
    });
    throw error;
  }
}
