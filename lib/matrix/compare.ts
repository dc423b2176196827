import type { ProbeCell } from "../probe/types";
import { type By, cellId } from "./matrix";

/** What one cell was in each run (null when that run did not have it). */
export type CellSide = { verdict: ProbeCell["verdict"]; actual: ProbeCell["actual"]; rttAvgMs: number | null } | null;

export type CellChange = {
  id: string;
  from: string;
  to: string;
  by: By;
  before: CellSide;
  after: CellSide;
  /** `fixed` (fail → pass), `broke` (pass → fail), `changed` (same verdict, other outcome), `added`, `removed`. */
  change: "fixed" | "broke" | "changed" | "added" | "removed";
};

export type MatrixComparison = { changes: CellChange[]; unchanged: number };

function side(cell: ProbeCell | undefined): CellSide {
  return cell ? { verdict: cell.verdict, actual: cell.actual, rttAvgMs: cell.rttMs?.avg ?? null } : null;
}

/**
 * Which cells changed between two ping runs (`before` older, `after` newer): verdict or outcome
 * (reach/blocked/error) differ, or the cell is in one run only. RTT alone is not a change. Pure;
 * changes sorted by pair then means.
 */
export function compareMatrices(before: readonly ProbeCell[], after: readonly ProbeCell[]): MatrixComparison {
  const a = new Map(before.map((cell) => [cellId(cell), cell]));
  const b = new Map(after.map((cell) => [cellId(cell), cell]));
  const ids = [...new Set([...a.keys(), ...b.keys()])].sort();
  const changes: CellChange[] = [];
  let unchanged = 0;
  for (const id of ids) {
    const old = a.get(id);
    const now = b.get(id);
    const cell = now ?? old;
    if (!cell) continue;
    let change: CellChange["change"] | null = null;
    if (!old) change = "added";
    else if (!now) change = "removed";
    else if (old.verdict !== now.verdict) change = now.verdict === "pass" ? "fixed" : "broke";
    else if (old.actual !== now.actual) change = "changed";
    if (!change) {
      unchanged += 1;
      continue;
    }
    changes.push({ id, from: cell.from, to: cell.to, by: cell.by, before: side(old), after: side(now), change });
  }
  return { changes, unchanged };
}
