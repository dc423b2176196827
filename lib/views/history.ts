import { joinTexts, plain, type Text, t } from "../i18n/text";
import { readPingRunSummary } from "../matrix/stored";
import type { Run } from "../store/runs";
import { readApplyRunSummary, readLabRunSummary } from "./run-summaries";

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
  /** How it ended, in one line (a Text: the edge renders it in the reader's language). */
  outcome: Text;
};

/** One line saying how a run ended, from its stored summary (tolerant of older or partial summaries). Pure. */
export function describeRunOutcome(run: Pick<Run, "kind" | "status" | "summary">): Text {
  if (run.status === "running") return t`running…`;
  switch (run.kind) {
    case "ping": {
      const error = readApplyRunSummary(run.summary).error;
      if (error !== null) return t`${error}`;
      const ping = readPingRunSummary(run.summary);
      const total = ping.pass + ping.fail;
      return t`${ping.pass}/${total} cells pass${ping.fail ? t`, ${ping.fail} fail` : ""}${ping.cancelled ? t` (stopped)` : ""}${ping.rerunOf ? t` · re-run of failed cells` : ""}`;
    }
    case "apply":
    case "destroy": {
      const summary = readApplyRunSummary(run.summary);
      if (summary.error !== null) return t`${summary.error}`;
      if (summary.refused) return t`refused: ${summary.refused}`;
      const { counts } = summary;
      const ran = counts.ok + counts.failed + counts.unknown + counts.skipped;
      if (ran === 0) return t`no changes needed`;
      const parts: Text[] = [t`${counts.ok} ok`];
      if (counts.failed) parts.push(t`${counts.failed} failed`);
      if (counts.unknown) parts.push(t`${counts.unknown} unknown`);
      if (counts.skipped) parts.push(t`${counts.skipped} skipped`);
      return t`${joinTexts(parts, ", ")}${summary.converged === true ? t`; converged` : ""}`;
    }
    case "lab": {
      const summary = readLabRunSummary(run.summary);
      if (summary.error !== null) return t`${summary.error}`;
      const { message } = summary;
      // A sentence Crossnet wrote is a Text; a lab error is the lab's own English: its first line.
      return message.args.length === 0 && message.key === message.en ? plain(message.en.split("\n")[0] ?? "") : message;
    }
  }
}

/** Two runs for a comparison, ordered older first. Pure. */
export function orderForCompare<T extends { startedAt: string }>(a: T, b: T): [T, T] {
  return a.startedAt <= b.startedAt ? [a, b] : [b, a];
}
