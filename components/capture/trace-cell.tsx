"use client";

import { useShallow } from "zustand/react/shallow";
import { traceAction } from "@/app/topologies/trace-actions";
import { capturePoints } from "@/lib/capture/points";
import type { ProbeCell } from "@/lib/probe/types";
import { traceMarks } from "@/lib/views/capture-targets";
import { useRuns } from "../editor/runs/runs-context";
import { useEditor } from "../editor/state/editor-context";
import { errorText } from "../i18n/error-text";
import { useT } from "../i18n/locale-provider";
import { smallButtonClass } from "../ui/classes";
import { useCapture, useCaptureStore } from "./capture-context";
import { TraceHops } from "./trace-hops";

/**
 * "Trace" on a matrix cell: one identifiable ping from the cell's source to its target, captured on
 * every point of its expected path; the hops are listed here and marked on the canvas.
 */
export function TraceCell({ cell }: { cell: ProbeCell }) {
  const t = useT();
  const store = useCaptureStore();
  const topologyId = useEditor((s) => s.topologyId);
  const valid = useEditor((s) => s.check.valid);
  const { inventoryId, lab, live } = useRuns(
    useShallow((s) => ({
      inventoryId: s.inventoryId,
      lab: s.inventoryId === null || s.inventories?.find((choice) => choice.id === s.inventoryId)?.lab === true,
      live: s.test.run?.live === true,
    })),
  );
  const trace = useCapture((s) => s.trace);
  if (!store) return null;
  const mine = trace.from === cell.from && trace.to === cell.to;
  const run = async () => {
    store
      .getState()
      .setTrace({ status: "running", from: cell.from, to: cell.to, result: null, error: null, marks: {} });
    try {
      const result = await traceAction({
        topologyId,
        ...(inventoryId ? { inventoryId } : {}),
        from: cell.from,
        to: cell.to,
        by: cell.by,
      });
      if (!result.ok) {
        store.getState().setTrace({ status: "error", error: errorText(t, result.error) });
        return;
      }
      const marks = valid ? traceMarks(result.trace, capturePoints(valid, { lab })) : {};
      store.getState().setTrace({ status: "done", result: result.trace, marks });
    } catch (error) {
      store.getState().setTrace({ status: "error", error: (error as Error).message });
    }
  };
  return (
    <div className="space-y-2" data-testid="trace-cell">
      <div className="flex items-center gap-2">
        <button
          type="button"
          className={smallButtonClass}
          disabled={live || trace.status === "running"}
          title={t("trace.cell")}
          onClick={() => void run()}
          data-testid="trace-run"
        >
          ⇢ {t("trace.run")}
        </button>
        {mine && trace.status === "running" && <span className="text-xs text-muted">{t("trace.running")}</span>}
        {trace.status !== "idle" && trace.status !== "running" && (
          <button
            type="button"
            className="text-xs text-muted underline"
            onClick={() => store.getState().clearTrace()}
            data-testid="trace-clear"
          >
            {t("trace.clear")}
          </button>
        )}
      </div>
      {mine && trace.error && (
        <p role="alert" className="text-xs text-danger" data-testid="trace-error">
          {t("trace.failed", { error: trace.error })}
        </p>
      )}
      {mine && trace.result && <TraceHops trace={trace.result} />}
    </div>
  );
}
