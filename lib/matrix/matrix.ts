import { CHECK_KINDS, type CheckKind } from "../expect/types";
import { displayCommand } from "../plan/render";
import type { ProbeCell, ProbeEvent, ProbeSummary } from "../probe/types";

export type By = CheckKind;

/**
 * Identity of a cell: ordered pair, means and target. A container on two networks is pinged at
 * each of its addresses, so one pair by IP can have several cells (one reaches, one is isolated).
 */
export function cellId(cell: { from: string; to: string; by: By; target: string }): string {
  return `${cell.from}>${cell.to}|${cell.by}|${cell.target}`;
}

/** The square of the heat-map a cell belongs to: ordered pair and means (all its targets). */
export function squareId(cell: { from: string; to: string; by: By }): string {
  return `${cell.from}>${cell.to}|${cell.by}`;
}

/** Cells grouped by square, each square's cells sorted by target. Pure. */
export function cellsBySquare(cells: Iterable<ProbeCell>): Record<string, ProbeCell[]> {
  const squares: Record<string, ProbeCell[]> = {};
  for (const cell of cells) {
    const id = squareId(cell);
    const list = squares[id] ?? [];
    list.push(cell);
    squares[id] = list;
  }
  for (const list of Object.values(squares))
    list.sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
  return squares;
}

/** A ping matrix being filled: cells by id, in arrival order, and the run's progress facts. */
export type MatrixState = {
  cells: Record<string, ProbeCell>;
  /** Cell ids in the order they arrived. */
  order: string[];
  /** Cells the run will produce, once it said so. */
  expected: number | null;
  unreachable: { host: string; error: string }[];
  /** Sources being retried now, with their targets. */
  retrying: { from: string; targets: string[] }[];
  summary: ProbeSummary | null;
  cancelled: boolean;
};

export const EMPTY_MATRIX: MatrixState = {
  cells: {},
  order: [],
  expected: null,
  unreachable: [],
  retrying: [],
  summary: null,
  cancelled: false,
};

/**
 * A matrix holding `cells` (e.g. a stored run, or the cells a re-run replaces), built in one pass:
 * folding 16,000 cells one event at a time copied the whole map each time (quadratic; it froze the
 * tab on a 128-container run). Same result as folding `cell` events; a repeated cell keeps its place.
 */
export function matrixOf(cells: readonly ProbeCell[], summary: ProbeSummary | null = null): MatrixState {
  const byId: Record<string, ProbeCell> = {};
  const order: string[] = [];
  for (const cell of cells) {
    const id = cellId(cell);
    if (!(id in byId)) order.push(id);
    byId[id] = cell;
  }
  return { ...EMPTY_MATRIX, expected: cells.length, summary, cells: byId, order };
}

/**
 * Folds one lib/probe event into the matrix (pure). A cell that arrives again (a re-run of failed
 * cells) replaces the one there and keeps its place.
 */
export function reduceMatrix(state: MatrixState, event: ProbeEvent): MatrixState {
  switch (event.type) {
    case "started":
      return { ...state, expected: (state.expected ?? 0) + event.cells, summary: null, cancelled: false };
    case "host-unreachable":
      return { ...state, unreachable: [...state.unreachable.filter((u) => u.host !== event.host), event] };
    case "retry":
      return {
        ...state,
        retrying: [
          ...state.retrying.filter((r) => r.from !== event.from),
          { from: event.from, targets: event.targets },
        ],
      };
    case "cell": {
      const id = cellId(event.cell);
      const known = id in state.cells;
      return {
        ...state,
        cells: { ...state.cells, [id]: event.cell },
        order: known ? state.order : [...state.order, id],
        retrying: state.retrying
          .map((r) =>
            r.from === event.cell.from ? { ...r, targets: r.targets.filter((t) => t !== event.cell.to) } : r,
          )
          .filter((r) => r.targets.length > 0),
      };
    }
    case "done":
      return { ...state, summary: event.summary, cancelled: event.cancelled, retrying: [] };
  }
}

/** The cells of a matrix in arrival order. */
export function cellsOf(state: MatrixState): ProbeCell[] {
  return state.order.flatMap((id) => {
    const cell = state.cells[id];
    return cell ? [cell] : [];
  });
}

/** Rows (sources), columns (targets) and means of a matrix, in the design's container order. */
export type MatrixAxes = { rows: string[]; cols: string[]; by: By[] };

/**
 * The axes to draw: the selected sources and targets in `containers` order (the design's), plus any
 * container the cells name that the list lacks (an old run of a design that changed), and the means.
 */
export function matrixAxes(
  containers: readonly string[],
  cells: readonly ProbeCell[],
  selection: { from?: readonly string[]; to?: readonly string[]; by?: By | "both" | readonly By[] } = {},
): MatrixAxes {
  const ordered = (picked: readonly string[] | undefined, seen: string[]) => {
    // Picked endpoints that are not containers (hosts, `host:NAME`) follow the containers.
    const base = picked
      ? [...containers.filter((name) => picked.includes(name)), ...picked.filter((name) => !containers.includes(name))]
      : [...containers];
    for (const name of seen) if (!base.includes(name)) base.push(name);
    return base;
  };
  const seenFrom = [...new Set(cells.map((cell) => cell.from))];
  const seenTo = [...new Set(cells.map((cell) => cell.to))];
  const seenBy = new Set(cells.map((cell) => cell.by));
  const asked =
    selection.by === undefined || selection.by === "both"
      ? undefined
      : typeof selection.by === "string"
        ? [selection.by]
        : selection.by;
  const by: By[] = asked
    ? CHECK_KINDS.filter((kind) => asked.includes(kind))
    : seenBy.size > 0
      ? CHECK_KINDS.filter((kind) => seenBy.has(kind))
      : ["ip", "name"];
  return { rows: ordered(selection.from, seenFrom), cols: ordered(selection.to, seenTo), by };
}

/** How a cell is coloured: by verdict, then by what happened and how fast. */
export type CellTone = "pending" | "self" | "reach-fast" | "reach" | "reach-slow" | "blocked-ok" | "fail" | "error";

/** RTT (avg, ms) under which a reach is "fast", and over which it is "slow". */
export const RTT_FAST_MS = 1;
export const RTT_SLOW_MS = 10;

/** The verdict of a square: fail when any of its cells failed, pending when it has none yet. */
export function squareVerdict(cells: readonly ProbeCell[] | undefined): "pass" | "fail" | "pending" {
  if (!cells || cells.length === 0) return "pending";
  return cells.some((cell) => cell.verdict === "fail") ? "fail" : "pass";
}

/** The tone of a cell (undefined: not finished yet). Pure, for the heat-map. */
export function cellTone(cell: ProbeCell | undefined): CellTone {
  if (!cell) return "pending";
  if (cell.verdict === "fail") return cell.actual === "error" ? "error" : "fail";
  if (cell.actual !== "reach") return "blocked-ok";
  const avg = cell.rttMs?.avg;
  if (avg === undefined) return "reach";
  return avg < RTT_FAST_MS ? "reach-fast" : avg >= RTT_SLOW_MS ? "reach-slow" : "reach";
}

/** The short text inside a cell: the RTT when it reached, else what happened. */
export function cellLabel(cell: ProbeCell | undefined): string {
  if (!cell) return "…";
  if (cell.actual === "reach") {
    const reached = cell.rttMs ? `${formatMs(cell.rttMs.avg)}` : "reach";
    return cell.lossPct > 0 ? `${reached} · ${Math.round(cell.lossPct)}%` : reached;
  }
  if (cell.actual === "error") return "error";
  return /bad address/.test(cell.error ?? "") ? "bad address" : "blocked";
}

/** A sentence for screen readers and titles: pair, means, expectation, outcome, verdict. */
export function cellDescription(cell: ProbeCell): string {
  const outcome =
    cell.actual === "reach"
      ? `reached${cell.rttMs ? ` in ${formatMs(cell.rttMs.avg)}` : ""}`
      : cell.actual === "error"
        ? `could not probe${cell.error ? ` (${cell.error})` : ""}`
        : `blocked${cell.error ? ` (${cell.error})` : ""}`;
  const target = cell.by === "ip" ? ` at ${cell.target}` : "";
  return `${cell.from} to ${cell.to}${target} by ${cell.by}: expected ${cell.expected}, ${outcome}: ${cell.verdict}`;
}

export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : ms < 100 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** Pass and fail counts of cells (for a live summary before the run's own). */
export function countVerdicts(cells: readonly ProbeCell[]): { pass: number; fail: number; total: number } {
  const pass = cells.filter((cell) => cell.verdict === "pass").length;
  return { pass, fail: cells.length - pass, total: cells.length };
}

/**
 * The plain `docker exec SRC ping -c N TARGET` a student can type for this cell. The probe itself
 * may run a helper (to ping several targets at once with timestamps); this is the equivalent, shown
 * beside what really ran, never instead of it. Written the way plans show commands (lib/plan/render.ts).
 */
export function equivalentPing(cell: Pick<ProbeCell, "from" | "target" | "sent">): string {
  return displayCommand([
    "docker",
    "exec",
    cell.from,
    "ping",
    "-c",
    String(cell.sent > 0 ? cell.sent : 3),
    cell.target,
  ]);
}
