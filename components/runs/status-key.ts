import type { UiKey } from "@/lib/i18n/ui";

/** The catalogue key of a run or step status word (running, done, partial, failed, cancelled …). */
export function statusKey(status: string): UiKey {
  const key = `status.${status}`;
  return (STATUS_KEYS as readonly string[]).includes(key) ? (key as UiKey) : "status.unknown";
}

const STATUS_KEYS = [
  "status.running",
  "status.done",
  "status.partial",
  "status.failed",
  "status.cancelled",
  "status.unknown",
  "status.ok",
  "status.skipped",
  "status.waiting",
  "status.unreachable",
  "status.pass",
  "status.fail",
] as const satisfies readonly UiKey[];
