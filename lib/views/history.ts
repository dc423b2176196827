import { joinTexts, type Text, t } from "../i18n/text";
import { readPingRunSummary, storedText } from "../matrix/stored";
import type { Run } from "../store/runs";

/** A run as the history lists it: what, on which topology version, how it ended, in one line. */
export type RunListItem = {
  id: string;
  kind: Run["kind"];
  status: Run["status"];
  topology: { id: string; name: string; version: number } | null;
  inventory: string | null;
  who: string;
  startedAt: string;
  durationMs: number | null;
  outcome: string;
  /** `outcome` as a translatable Text. */
  outcomeText: Text;
};

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function num(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

/** One line saying how a run ended, from its stored summary (tolerant of older or partial summaries). Pure. */
export function describeRunOutcome(run: Pick<Run, "kind" | "status" | "summary">): string {
  return describeRunOutcomeText(run).en;
}

/** {@link describeRunOutcome} as a translatable Text (lib/i18n). */
export function describeRunOutcomeText(run: Pick<Run, "kind" | "status" | "summary">): Text {
  if (run.status === "running") return t`running…`;
  const summary = record(run.summary);
  if (typeof summary.error === "string") return t`${summary.error}`;
  switch (run.kind) {
    case "ping": {
      const ping = readPingRunSummary(run.summary);
      const total = ping.pass + ping.fail;
      return t`${ping.pass}/${total} cells pass${ping.fail ? t`, ${ping.fail} fail` : ""}${ping.cancelled ? t` (stopped)` : ""}${ping.rerunOf ? t` · re-run of failed cells` : ""}`;
    }
    case "apply":
    case "destroy": {
      if (typeof summary.refused === "string" && summary.refused) return t`refused: ${summary.refused}`;
      const counts = record(summary.counts);
      const ran = num(counts.ok) + num(counts.failed) + num(counts.unknown) + num(counts.skipped);
      if (ran === 0) return t`no changes needed`;
      const parts: Text[] = [t`${num(counts.ok)} ok`];
      if (num(counts.failed)) parts.push(t`${num(counts.failed)} failed`);
      if (num(counts.unknown)) parts.push(t`${num(counts.unknown)} unknown`);
      if (num(counts.skipped)) parts.push(t`${num(counts.skipped)} skipped`);
      return t`${joinTexts(parts, ", ")}${summary.converged === true ? t`; converged` : ""}`;
    }
    case "lab":
      return (
        storedText(summary.messageText) ??
        t`${typeof summary.message === "string" ? (summary.message.split("\n")[0] ?? "") : ""}`
      );
  }
}

/** Two runs for a comparison, ordered older first. Pure. */
export function orderForCompare<T extends { startedAt: string }>(a: T, b: T): [T, T] {
  return a.startedAt <= b.startedAt ? [a, b] : [b, a];
}
