import "server-only";
import type { Topology } from "../topology/schema";
import { type ProbeOptions, type ProbeReport, runProbe } from "./run-probe";
import type { ProbeEvent } from "./types";

/** A run's events as an async iterator, and its report. Breaking out of the loop does not cancel the run: abort its signal. */
export type ProbeStream = AsyncIterableIterator<ProbeEvent> & { report: Promise<ProbeReport> };

/**
 * Starts {@link runProbe} and yields its events (`started`, each `cell` as it finishes, `retry`,
 * `done`) as they happen: `for await (const event of probeStream(design, options))`. The iterator
 * throws what the run threw (refused settings, unknown containers).
 */
export function probeStream(topology: Topology, options: Omit<ProbeOptions, "onEvent">): ProbeStream {
  const queue: ProbeEvent[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  let failure: unknown;
  const report = runProbe(topology, {
    ...options,
    onEvent: (event) => {
      queue.push(event);
      wake?.();
    },
  });
  report.then(
    () => {
      finished = true;
      wake?.();
    },
    (error: unknown) => {
      failure = error;
      finished = true;
      wake?.();
    },
  );
  const iterator: ProbeStream = {
    report,
    async next(): Promise<IteratorResult<ProbeEvent>> {
      while (queue.length === 0 && !finished) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      const event = queue.shift();
      if (event) return { value: event, done: false };
      if (failure !== undefined) throw failure;
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  report.catch(() => undefined);
  return iterator;
}
