"use client";

import { useMemo, useState } from "react";
import { cellId, cellsBySquare, matrixAxes } from "@/lib/matrix/matrix";
import type { ProbeCell } from "@/lib/probe/types";
import { useT } from "../i18n/locale-provider";
import { CellDetails } from "../runs/cell-details";
import { MatrixGrid } from "../runs/matrix-grid";

/** The ping matrix of everything the lesson has pinged so far (the latest result of each cell). */
export function LessonMatrix({ containers, cells }: { containers: string[]; cells: ProbeCell[] }) {
  const t = useT();
  const [selected, setSelected] = useState<string | null>(null);
  const squares = useMemo(() => cellsBySquare(cells), [cells]);
  const axes = matrixAxes(containers, cells, {
    from: [...new Set(cells.map((cell) => cell.from))],
    to: [...new Set(cells.map((cell) => cell.to))],
  });
  const chosen = cells.find((cell) => cellId(cell) === selected);
  if (cells.length === 0)
    return (
      <p className="p-4 text-muted" data-testid="lesson-matrix-empty">
        {t("lesson.matrixEmpty")}
      </p>
    );
  return (
    <div className="space-y-3" data-testid="lesson-matrix">
      <MatrixGrid
        squares={squares}
        axes={axes}
        selected={selected}
        onSelect={setSelected}
        testId="lesson-matrix-grid"
      />
      {chosen && <CellDetails cell={chosen} testId="lesson-cell-details" />}
    </div>
  );
}
