"use client";

import { useEffect, useId, useMemo, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { capturePoints } from "@/lib/capture/points";
import { captureElementOf, pointsFor } from "@/lib/views/capture-targets";
import { useRuns } from "../editor/runs/runs-context";
import { useEditor } from "../editor/state/editor-context";
import { useT } from "../i18n/locale-provider";
import { smallPrimaryClass } from "../ui/classes";
import { useCaptureStore } from "./capture-context";

const fieldClass = "w-full rounded-md border border-border bg-bg px-2 py-1 font-mono text-xs text-fg";

/** Caps a capture from the canvas starts with (the server bounds them again). */
const DEFAULT_COUNT = 200;
const DEFAULT_SECONDS = 30;

/**
 * "Capture here" for the selected node or edge: the capture points the design has there (the best
 * one picked), the caps and an optional filter, and the button that opens the capture dock.
 */
export function CaptureHere({ id }: { id: string }) {
  const t = useT();
  const store = useCaptureStore();
  const formId = useId();
  const topologyId = useEditor((s) => s.topologyId);
  const valid = useEditor((s) => s.check.valid);
  const saved = useEditor((s) => s.save.status === "saved");
  const graph = useEditor((s) => s.graph);
  const element = useMemo(() => captureElementOf(graph, id), [graph, id]);
  const { inventoryId, lab } = useRuns(
    useShallow((s) => ({
      inventoryId: s.inventoryId,
      lab: s.inventoryId === null || s.inventories?.find((choice) => choice.id === s.inventoryId)?.lab === true,
    })),
  );
  const points = useMemo(
    () => (valid && element ? pointsFor(capturePoints(valid, { lab }), element) : []),
    [valid, element, lab],
  );
  const [chosen, setChosen] = useState<string>("");
  const [count, setCount] = useState(DEFAULT_COUNT);
  const [seconds, setSeconds] = useState(DEFAULT_SECONDS);
  const [filter, setFilter] = useState("");
  const first = points[0]?.id ?? "";
  useEffect(() => setChosen(first), [first]);
  if (!store || !element) return null;
  const at = points.some((point) => point.id === chosen) ? chosen : first;
  return (
    <section
      aria-label={t("capture.here")}
      className="space-y-2 rounded-md border border-border p-2"
      data-testid="capture-here"
    >
      <h3 className="text-xs font-semibold">{t("capture.here")}</h3>
      {points.length === 0 ? (
        <p className="text-xs text-muted">{t("capture.noPoints")}</p>
      ) : (
        <>
          <label className="flex flex-col gap-1 text-xs text-muted" htmlFor={`${formId}-at`}>
            {t("capture.points")}
            <select
              id={`${formId}-at`}
              className={fieldClass}
              value={at}
              onChange={(event) => setChosen(event.target.value)}
              data-testid="capture-point"
            >
              {points.map((point) => (
                <option key={point.id} value={point.id}>
                  {point.id}
                </option>
              ))}
            </select>
          </label>
          <div className="flex gap-2">
            <label className="flex flex-1 flex-col gap-1 text-xs text-muted">
              {t("capture.count")}
              <input
                type="number"
                min={1}
                max={10000}
                className={fieldClass}
                value={count}
                onChange={(event) => setCount(Number(event.target.value))}
                data-testid="capture-count"
              />
            </label>
            <label className="flex flex-1 flex-col gap-1 text-xs text-muted">
              {t("capture.seconds")}
              <input
                type="number"
                min={1}
                max={300}
                className={fieldClass}
                value={seconds}
                onChange={(event) => setSeconds(Number(event.target.value))}
                data-testid="capture-seconds"
              />
            </label>
          </div>
          <label className="flex flex-col gap-1 text-xs text-muted">
            {t("capture.filter")}
            <input
              className={fieldClass}
              value={filter}
              placeholder={t("capture.filterHelp")}
              onChange={(event) => setFilter(event.target.value)}
              data-testid="capture-filter"
            />
          </label>
          <button
            type="button"
            className={smallPrimaryClass}
            disabled={!saved || !at}
            title={saved ? undefined : t("test.saving")}
            onClick={() =>
              void store.getState().start({
                topologyId,
                ...(inventoryId ? { inventoryId } : {}),
                at: [at],
                count,
                seconds,
                ...(filter.trim() ? { filter: filter.trim() } : {}),
              })
            }
            data-testid="capture-start"
          >
            ◉ {t("capture.here")}
          </button>
        </>
      )}
    </section>
  );
}
