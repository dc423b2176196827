import { createStore } from "zustand/vanilla";
import type { InventoryChoice } from "@/lib/app/inventory";
import type { ObservedPlan } from "@/lib/app/observe-plan";
import type { DriftMark } from "@/lib/drift/drift";
import { cellsOf, EMPTY_MATRIX, type MatrixState, matrixOf, reduceMatrix } from "@/lib/matrix/matrix";
import { failedPathKeys } from "@/lib/matrix/rerun";
import type { ProbeCell } from "@/lib/probe/types";
import type { RunStreamEvent } from "@/lib/runs/stream";
import { type ApplyLog, EMPTY_APPLY_LOG, finishApplyLog, reduceApplyLog } from "@/lib/views/apply-log";
import { type ContainerLive, withLiveState } from "@/lib/views/container-live";

/** A run this editor started or shows: its id, kind, the design version it runs, and whether it still streams. */
export type ActiveRun = { id: string; kind: "apply" | "destroy" | "ping"; version: number | null; live: boolean };

export type Overlay = {
  /** Drift marks by canvas layout key (lib/drift). */
  drift: Record<string, DriftMark>;
  /** Layout keys on the path of a failed ping cell (lib/matrix failedPathKeys). */
  failed: Record<string, true>;
  /** Design containers as last observed (running or stopped, addresses), by container name. */
  live: Record<string, ContainerLive>;
};

export type ApplyPanelState = {
  checking: boolean;
  observed: ObservedPlan | null;
  /** Version the observed plan was made for. */
  version: number | null;
  error: string | null;
  run: ActiveRun | null;
  log: ApplyLog;
};

export type TestPanelState = {
  run: ActiveRun | null;
  matrix: MatrixState;
  error: string | null;
  /** Cell id shown in the details. */
  selected: string | null;
  startedAt: string | null;
};

export type RunsState = {
  topologyId: string;
  inventories: InventoryChoice[] | null;
  inventoryId: string | null;
  inventoryNote: string | null;
  lab: { state: string; name: string | null } | null;
  overlay: Overlay;
  apply: ApplyPanelState;
  test: TestPanelState;
};

export type RunsActions = {
  setInventories(list: InventoryChoice[], lab: RunsState["lab"], note: string | null): void;
  setInventory(id: string | null): void;
  setChecking(checking: boolean): void;
  setObserved(observed: ObservedPlan | null, version: number | null): void;
  setApplyError(error: string | null): void;
  startApply(run: ActiveRun): void;
  startTest(run: ActiveRun, options: { rerun: boolean }): void;
  setTestError(error: string | null): void;
  showMatrix(cells: ProbeCell[], run: ActiveRun | null, startedAt: string | null): void;
  selectCell(id: string | null): void;
  /** Folds one streamed event of run `runId` into the panel that follows it. */
  receive(runId: string, event: RunStreamEvent): void;
  /** A run's stream ended without its outcome (the server lost it). */
  lose(runId: string, message: string): void;
  clearOverlay(): void;
  /** One container was started or stopped from the dashboard: its live state, without a new observation. */
  setLive(name: string, host: string, running: boolean, addresses: Record<string, string>): void;
};

export type RunsStore = ReturnType<typeof createRunsStore>;

function failedOverlay(cells: readonly ProbeCell[]): Record<string, true> {
  return Object.fromEntries(failedPathKeys(cells).map((key) => [key, true as const]));
}

/**
 * What the Apply and Test panels show, kept outside the panels (a tab that is not shown is
 * unmounted; a run goes on) and read by the canvas for drift marks and failed paths. Every
 * decision is a lib function (reduceApplyLog, reduceMatrix, failedPathKeys); this only holds state.
 */
export function createRunsStore(topologyId: string) {
  return createStore<RunsState & RunsActions>()((set, get) => ({
    topologyId,
    inventories: null,
    inventoryId: null,
    inventoryNote: null,
    lab: null,
    overlay: { drift: {}, failed: {}, live: {} },
    apply: { checking: false, observed: null, version: null, error: null, run: null, log: EMPTY_APPLY_LOG },
    test: { run: null, matrix: EMPTY_MATRIX, error: null, selected: null, startedAt: null },

    setInventories(list, lab, note) {
      const current = get().inventoryId;
      const keep = current && list.some((choice) => choice.id === current) ? current : null;
      const fallback = list.find((choice) => choice.lab) ?? list[0];
      set({ inventories: list, lab, inventoryNote: note, inventoryId: keep ?? fallback?.id ?? null });
    },
    setInventory(id) {
      set((s) => ({ inventoryId: id, apply: { ...s.apply, observed: null, error: null } }));
    },
    setChecking(checking) {
      set((s) => ({ apply: { ...s.apply, checking, ...(checking ? { error: null } : {}) } }));
    },
    setObserved(observed, version) {
      set((s) => ({
        apply: { ...s.apply, observed, version, checking: false, error: null },
        overlay: { ...s.overlay, drift: observed?.drift?.marks ?? {}, live: observed?.live ?? s.overlay.live },
      }));
    },
    setApplyError(error) {
      set((s) => ({ apply: { ...s.apply, error, checking: false } }));
    },
    startApply(run) {
      set((s) => ({ apply: { ...s.apply, run, log: EMPTY_APPLY_LOG, error: null } }));
    },
    startTest(run, { rerun }) {
      set((s) => {
        const base = rerun ? cellsOf(s.test.matrix).filter((cell) => cell.verdict === "pass") : [];
        const matrix = rerun ? { ...matrixOf(base), expected: base.length, summary: null } : EMPTY_MATRIX;
        return {
          test: { ...s.test, run, matrix, error: null, selected: null, startedAt: new Date().toISOString() },
          overlay: { ...s.overlay, failed: {} },
        };
      });
    },
    setTestError(error) {
      set((s) => ({ test: { ...s.test, error } }));
    },
    showMatrix(cells, run, startedAt) {
      set((s) => ({
        test: { ...s.test, run, matrix: matrixOf(cells), selected: null, startedAt, error: null },
        overlay: { ...s.overlay, failed: failedOverlay(cells) },
      }));
    },
    selectCell(id) {
      set((s) => ({ test: { ...s.test, selected: id } }));
    },
    receive(runId, event) {
      const state = get();
      if (state.apply.run?.id === runId) {
        if (event.type === "apply")
          set({ apply: { ...state.apply, log: reduceApplyLog(state.apply.log, event.event) } });
        else if (event.type === "note")
          set({
            apply: { ...state.apply, log: { ...state.apply.log, notes: [...state.apply.log.notes, event.text] } },
          });
        else if (event.type === "end") {
          const run = { ...state.apply.run, live: false };
          if (event.outcome.kind === "apply" || event.outcome.kind === "destroy") {
            const { result } = event.outcome;
            set({
              apply: { ...state.apply, run, log: finishApplyLog(state.apply.log, result), observed: null },
              overlay: { ...state.overlay, drift: result.drift?.marks ?? {} },
            });
          } else {
            const message = event.outcome.kind === "error" ? event.outcome.message : "the run ended unexpectedly";
            set({ apply: { ...state.apply, run, log: { ...state.apply.log, error: message } } });
          }
        } else if (event.type === "gone") get().lose(runId, `the run's live log is gone (status: ${event.status})`);
        return;
      }
      if (state.test.run?.id === runId) {
        if (event.type === "probe")
          set({ test: { ...state.test, matrix: reduceMatrix(state.test.matrix, event.event) } });
        else if (event.type === "end") {
          const run = { ...state.test.run, live: false };
          const error = event.outcome.kind === "error" ? event.outcome.message : null;
          set({
            test: { ...state.test, run, error },
            overlay: { ...state.overlay, failed: failedOverlay(cellsOf(state.test.matrix)) },
          });
        } else if (event.type === "gone") get().lose(runId, `the run's live stream is gone (status: ${event.status})`);
      }
    },
    lose(runId, message) {
      const state = get();
      if (state.apply.run?.id === runId)
        set({
          apply: {
            ...state.apply,
            run: { ...state.apply.run, live: false },
            log: { ...state.apply.log, error: message },
          },
        });
      if (state.test.run?.id === runId)
        set({ test: { ...state.test, run: { ...state.test.run, live: false }, error: message } });
    },
    clearOverlay() {
      set({ overlay: { drift: {}, failed: {}, live: {} } });
    },
    setLive(name, host, running, addresses) {
      set((s) => ({ overlay: { ...s.overlay, live: withLiveState(s.overlay.live, name, host, running, addresses) } }));
    },
  }));
}
