import { readPingRunSummary } from "../matrix/stored";
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
};

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function num(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

/** One line saying how a run ended, from its stored summary (tolerant of older or partial summaries). Pure. */
export function describeRunOutcome(run: Pick<Run, "kind" | "status" | "summary">): string {
  if (run.status === "running") return "running…";
  const summary = record(run.summary);
  if (typeof summary.error === "string") return summary.error;
  switch (run.kind) {
    case "ping": {
      const ping = readPingRunSummary(run.summary);
      const total = ping.pass + ping.fail;
      return `${ping.pass}/${total} cells pass${ping.fail ? `, ${ping.fail} fail` : ""}${ping.cancelled ? " (stopped)" : ""}${ping.rerunOf ? " · re-run of failed cells" : ""}`;
    }
    case "apply":
    case "destroy": {
      if (typeof summary.refused === "string" && summary.refused) return `refused: ${summary.refused}`;
      const counts = record(summary.counts);
      const ran = num(counts.ok) + num(counts.failed) + num(counts.unknown) + num(counts.skipped);
      if (ran === 0) return "no changes needed";
      const parts = [`${num(counts.ok)} ok`];
      if (num(counts.failed)) parts.push(`${num(counts.failed)} failed`);
      if (num(counts.unknown)) parts.push(`${num(counts.unknown)} unknown`);
      if (num(counts.skipped)) parts.push(`${num(counts.skipped)} skipped`);
      return `${parts.join(", ")}${summary.converged === true ? "; converged" : ""}`;
    }
    case "lab":
      return typeof summary.message === "string" ? (summary.message.split("\n")[0] ?? "") : "";
  }
}

/** Two runs for a comparison, ordered older first. Pure. */
export function orderForCompare<T extends { startedAt: string }>(a: T, b: T): [T, T] {
  return a.startedAt <= b.startedAt ? [a, b] : [b, a];
}
