import "server-only";
import type { RunKind } from "../store/schema";
import type { RunOutcome, RunStreamEvent } from "./stream";

/** Most events kept per run; past it, output events are dropped (steps and cells are always kept). */
export const RUN_EVENTS_MAX = 20_000;
/** How long a finished run stays replayable, in ms. */
export const RUN_RETAIN_MS = 15 * 60 * 1000;

type Listener = (seq: number, event: RunStreamEvent) => void;

type Entry = {
  id: string;
  kind: RunKind;
  events: { seq: number; event: RunStreamEvent }[];
  listeners: Set<Listener>;
  ended: boolean;
  dropped: number;
  abort: AbortController;
};

/** Where a background run writes its progress. */
export type RunChannel = {
  readonly signal: AbortSignal;
  emit(event: RunStreamEvent): void;
  /** Sends the outcome and closes the stream (further calls do nothing). */
  end(outcome: RunOutcome): void;
};

/**
 * The runs this server process is executing: each one's events, buffered so a browser that
 * (re)connects gets everything from the start (or after its `Last-Event-ID`), and its listeners.
 * In memory only: the store keeps the lasting record (runs, journal, audit, ping cells).
 */
export class RunHub {
  private readonly runs = new Map<string, Entry>();

  /** Registers a run and returns its channel. */
  open(id: string, kind: RunKind): RunChannel {
    const entry: Entry = {
      id,
      kind,
      events: [],
      listeners: new Set(),
      ended: false,
      dropped: 0,
      abort: new AbortController(),
    };
    this.runs.set(id, entry);
    const push = (event: RunStreamEvent) => {
      if (entry.ended) return;
      const output = event.type === "apply" && event.event.type === "output";
      if (output && entry.events.length >= RUN_EVENTS_MAX) {
        entry.dropped += 1;
        return;
      }
      const seq = entry.events.length + 1;
      entry.events.push({ seq, event });
      for (const listener of entry.listeners) listener(seq, event);
    };
    return {
      signal: entry.abort.signal,
      emit: push,
      end: (outcome) => {
        if (entry.ended) return;
        if (entry.dropped > 0) push({ type: "note", text: `${entry.dropped} output chunks were not kept (too many)` });
        push({ type: "end", outcome });
        entry.ended = true;
        entry.listeners.clear();
        setTimeout(() => this.runs.delete(id), RUN_RETAIN_MS).unref?.();
      },
    };
  }

  /**
   * Replays the events after `afterSeq`, then calls `listener` for new ones until the run ends.
   * Returns null when this process does not hold the run.
   */
  subscribe(
    id: string,
    afterSeq: number,
    listener: Listener,
  ): { replay: { seq: number; event: RunStreamEvent }[]; ended: boolean; unsubscribe: () => void } | null {
    const entry = this.runs.get(id);
    if (!entry) return null;
    const replay = entry.events.filter((item) => item.seq > afterSeq);
    if (!entry.ended) entry.listeners.add(listener);
    return { replay, ended: entry.ended, unsubscribe: () => entry.listeners.delete(listener) };
  }

  /** Asks a running run to stop (probe runs stop their probes; applies finish their current steps). */
  cancel(id: string): boolean {
    const entry = this.runs.get(id);
    if (!entry || entry.ended) return false;
    entry.abort.abort();
    return true;
  }

  /** Ids of runs still running, optionally of one kind. */
  running(kind?: RunKind): string[] {
    return [...this.runs.values()].filter((e) => !e.ended && (!kind || e.kind === kind)).map((e) => e.id);
  }
}

const holder = globalThis as typeof globalThis & { __crossnetRunHub?: RunHub };

/**
 * The hub of this server process. Held on globalThis: Next bundles server actions and route
 * handlers separately, and both must see the same runs.
 */
export function runHub(): RunHub {
  holder.__crossnetRunHub ??= new RunHub();
  return holder.__crossnetRunHub;
}
