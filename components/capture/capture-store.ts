import { createStore } from "zustand/vanilla";
import type { TraceResult } from "@/lib/capture/types";
import { type CaptureView, IDLE_CAPTURE, reduceCapture } from "@/lib/views/capture-stream";
import type { HopMark } from "@/lib/views/capture-targets";
import { type CaptureStart, stopCapture, streamCapture } from "./capture-client";

export type TraceState = {
  status: "idle" | "running" | "done" | "error";
  from: string;
  to: string;
  result: TraceResult | null;
  error: string | null;
  /** Marks by canvas layout key (lib/views/capture-targets traceMarks). */
  marks: Record<string, HopMark>;
};

export type CaptureState = {
  view: CaptureView;
  /** Index of the packet shown in the layer tree. */
  selected: number | null;
  /** The capture dock is shown. */
  open: boolean;
  trace: TraceState;
};

export type CaptureActions = {
  /** Starts a capture (a running one is stopped first) and follows its stream. */
  start(request: Omit<CaptureStart, "id">): Promise<void>;
  stop(): void;
  close(): void;
  select(index: number | null): void;
  setTrace(trace: Partial<TraceState>): void;
  clearTrace(): void;
};

export type CaptureStore = ReturnType<typeof createCaptureStore>;

const IDLE_TRACE: TraceState = { status: "idle", from: "", to: "", result: null, error: null, marks: {} };

/**
 * What the editor's capture dock and trace marks show, held apart from the panels (the dock stays
 * while tabs change). Every decision is in lib/views (reduceCapture, traceMarks); this holds state.
 */
export function createCaptureStore() {
  /** The capture whose events are shown; a replaced or closed one's late events are dropped. */
  let current = "";
  return createStore<CaptureState & CaptureActions>()((set, get) => ({
    view: IDLE_CAPTURE,
    selected: null,
    open: false,
    trace: IDLE_TRACE,

    async start(request) {
      const running = get().view;
      if ((running.status === "running" || running.status === "starting") && running.id) void stopCapture(running.id);
      const id = crypto.randomUUID();
      current = id;
      set({
        view: { ...IDLE_CAPTURE, status: "starting", at: request.at, askedAt: performance.now() },
        selected: null,
        open: true,
      });
      await streamCapture({ ...request, id }, (event) => {
        if (current !== id) return;
        set({ view: reduceCapture(get().view, event, performance.now()) });
      });
    },
    stop() {
      const id = get().view.id;
      if (id) void stopCapture(id);
    },
    close() {
      get().stop();
      current = "";
      set({ open: false, view: IDLE_CAPTURE, selected: null });
    },
    select(index) {
      set({ selected: index });
    },
    setTrace(trace) {
      set((s) => ({ trace: { ...s.trace, ...trace } }));
    },
    clearTrace() {
      set({ trace: IDLE_TRACE });
    },
  }));
}
