"use client";

import { useMemo, useState } from "react";
import { cellId, countVerdicts, matrixAxes } from "@/lib/matrix/matrix";
import type { ProbeCell } from "@/lib/probe/types";
import { useT } from "../i18n/locale-provider";
import { CellDetails } from "./cell-details";
import { MatrixPngButton } from "./full-matrix";
import { MatrixExport } from "./matrix-export";
import { MatrixView } from "./matrix-view";

/** A stored ping matrix at any size (full grid or aggregated), a cell's details on click, and its exports. */
export function StoredMatrix({
  cells,
  containers,
  meta,
}: {
  cells: ProbeCell[];
  containers: string[];
  meta: { topology: string; version: number | null; runId: string | null; startedAt: string | null };
}) {
  const t = useT();
  const [selected, setSelected] = useState<string | null>(null);
  const byId = useMemo(() => Object.fromEntries(cells.map((cell) => [cellId(cell), cell])), [cells]);
  const axes = matrixAxes(containers, cells);
  const counts = countVerdicts(cells);
  const cell = selected ? byId[selected] : undefined;
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
            <MatrixExport cells={cells} meta={meta} testId="stored-export" />
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
        ) : (
          <p className="text-sm text-muted">{t("matrix.clickCell")}</p>
        )}
      </div>
    </div>
  );
}
