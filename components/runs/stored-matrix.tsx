"use client";

import { useEffect, useMemo, useState } from "react";
import { runCellAction } from "@/app/runs/[id]/actions";
import { smallButtonClass } from "@/components/ui/classes";
import { cellId, countVerdicts, matrixAxes } from "@/lib/matrix/matrix";
import type { ProbeCell } from "@/lib/probe/types";
import { useT } from "../i18n/locale-provider";
import { CellDetails } from "./cell-details";
import { MatrixPngButton } from "./full-matrix";
import { MatrixExport } from "./matrix-export";
import { MatrixView } from "./matrix-view";

/**
 * A stored ping matrix at any size (full grid or aggregated), a cell's details on click, and its exports.
 * With `detailsOnDemand` (a big run: its cells came without raw output and command), an opened cell is
 * read in full from the server, and the CSV/JSON come from the run's export route.
 */
export function StoredMatrix({
  cells,
  containers,
  meta,
  detailsOnDemand = false,
}: {
  cells: ProbeCell[];
  containers: string[];
  meta: { topology: string; version: number | null; runId: string | null; startedAt: string | null };
  detailsOnDemand?: boolean;
}) {
  const t = useT();
  const [selected, setSelected] = useState<string | null>(null);
  const [full, setFull] = useState<Record<string, ProbeCell | string>>({});
  const byId = useMemo(() => Object.fromEntries(cells.map((cell) => [cellId(cell), cell])), [cells]);
  const axes = matrixAxes(containers, cells);
  const counts = countVerdicts(cells);
  const runId = meta.runId;
  useEffect(() => {
    if (!detailsOnDemand || !selected || !runId || full[selected] !== undefined) return;
    let live = true;
    void runCellAction({ runId, cellId: selected }).then((result) => {
      if (live) setFull((known) => ({ ...known, [selected]: result.ok ? result.cell : result.error.message }));
    });
    return () => {
      live = false;
    };
  }, [detailsOnDemand, selected, runId, full]);
  const loaded = selected ? full[selected] : undefined;
  const cell = selected
    ? detailsOnDemand
      ? typeof loaded === "object"
        ? loaded
        : undefined
      : byId[selected]
    : undefined;
  const pending = detailsOnDemand && selected !== null && loaded === undefined;
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_26rem]">
      <div className="min-w-0 space-y-2">
        <p
          className={`font-semibold ${counts.fail > 0 ? "text-danger" : "text-ok"}`}
          data-testid="stored-verdict"
          data-verdict={counts.fail > 0 ? "fail" : "pass"}
        >
          {counts.fail > 0 ? `✗ ${t("matrix.runFailed", { count: counts.fail })}` : `✓ ${t("matrix.runPassed")}`}
        </p>
        <div className="flex items-center justify-between gap-2 text-sm">
          <p data-testid="stored-summary">
            <span className="font-semibold text-ok">{t("matrix.passCount", { count: counts.pass })}</span> ·{" "}
            <span className={counts.fail ? "font-semibold text-danger" : "text-muted"}>
              {t("matrix.failCount", { count: counts.fail })}
            </span>{" "}
            · {t("matrix.cellCount", { count: counts.total })}
          </p>
          <div className="flex gap-1">
            {detailsOnDemand && runId ? (
              <>
                <a
                  className={smallButtonClass}
                  href={`/api/runs/${runId}/export?format=csv`}
                  download
                  data-testid="stored-export-csv"
                >
                  CSV
                </a>
                <a
                  className={smallButtonClass}
                  href={`/api/runs/${runId}/export?format=json`}
                  download
                  data-testid="stored-export-json"
                >
                  JSON
                </a>
              </>
            ) : (
              <MatrixExport cells={cells} meta={meta} testId="stored-export" />
            )}
            <MatrixPngButton cells={cells} containers={containers} meta={meta} testId="stored-export" />
          </div>
        </div>
        <MatrixView
          cells={cells}
          containers={axes.rows}
          selected={selected}
          onSelect={setSelected}
          testId="stored-matrix"
        />
      </div>
      <div>
        {cell ? (
          <CellDetails cell={cell} testId="stored-cell" />
        ) : pending ? (
          <p className="text-sm text-muted" data-testid="stored-cell-loading">
            {t("matrix.cellLoading")}
          </p>
        ) : typeof loaded === "string" ? (
          <p className="text-sm text-danger" data-testid="stored-cell-error">
            {loaded}
          </p>
        ) : (
          <p className="text-sm text-muted">{t("matrix.clickCell")}</p>
        )}
      </div>
    </div>
  );
}
