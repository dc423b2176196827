"use client";

import { smallButtonClass } from "@/components/ui/classes";
import { exportFileName, matrixCsv, matrixJson } from "@/lib/matrix/export";
import type { ProbeCell } from "@/lib/probe/types";

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** CSV and JSON downloads of the cells shown (made in the browser by lib/matrix/export). */
export function MatrixExport({
  cells,
  meta,
  testId = "matrix-export",
}: {
  cells: ProbeCell[];
  meta: { topology: string; version: number | null; runId: string | null; startedAt: string | null };
  testId?: string;
}) {
  return (
    <div className="flex gap-1">
      <button
        type="button"
        className={smallButtonClass}
        disabled={cells.length === 0}
        onClick={() => download(exportFileName(meta.topology, meta.startedAt, "csv"), "text/csv", matrixCsv(cells))}
        data-testid={`${testId}-csv`}
      >
        CSV
      </button>
      <button
        type="button"
        className={smallButtonClass}
        disabled={cells.length === 0}
        onClick={() =>
          download(exportFileName(meta.topology, meta.startedAt, "json"), "application/json", matrixJson(cells, meta))
        }
        data-testid={`${testId}-json`}
      >
        JSON
      </button>
    </div>
  );
}
