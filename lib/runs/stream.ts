import type { LabEvent } from "../lab/lifecycle/events";
import type { ProbeEvent, ProbeSummary } from "../probe/types";
import type { RunKind } from "../store/schema";
import type { ApplyLogEvent, ApplyResultView } from "../views/apply-log";
import type { LabResultView } from "../views/lab-log";

export type { LabResultView } from "../views/lab-log";

/** How a ping run ended. */
export type ProbeResultView = {
  summary: ProbeSummary;
  cancelled: boolean;
  unreachable: { host: string; error: string }[];
  /** Why it could not run at all (bad selection, matrix too large), if so. */
  error: string | null;
};

/** The final message of a run on its stream. */
export type RunOutcome =
  | { kind: "apply" | "destroy"; result: ApplyResultView }
  | { kind: "ping"; result: ProbeResultView }
  | { kind: "lab"; result: LabResultView }
  | { kind: "error"; message: string };

/** One message on a run's event stream (server-sent events, JSON in `data`). */
export type RunStreamEvent =
  | { type: "apply"; event: ApplyLogEvent }
  | { type: "probe"; event: ProbeEvent }
  | { type: "lab"; event: LabEvent }
  | { type: "note"; text: string }
  | { type: "end"; outcome: RunOutcome }
  /** The run is not held by this server any more (finished long ago, or the server restarted). */
  | { type: "gone"; status: string };

/** A started run as returned by the start actions. */
export type StartedRun = { runId: string; kind: RunKind };

/** One server-sent event: `id` for resumption (`Last-Event-ID`), the event as JSON on one line. */
export function encodeSse(seq: number, event: RunStreamEvent): string {
  return `id: ${seq}\nevent: run\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Parses the `data` of a run event; null when it is not one (the stream is the server's, but be strict). */
export function decodeRunEvent(data: string): RunStreamEvent | null {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value !== "object" || value === null) return null;
    const type = (value as { type?: unknown }).type;
    return typeof type === "string" && ["apply", "probe", "lab", "note", "end", "gone"].includes(type)
      ? (value as RunStreamEvent)
      : null;
  } catch {
    return null;
  }
}
