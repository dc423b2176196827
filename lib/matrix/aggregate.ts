import type { ProbeCell } from "../probe/types";
import { type By, cellsBySquare, squareId, squareVerdict } from "./matrix";

/**
 * The ping matrix past a screenful: squares summed into blocks, host × host or network × network,
 * each with its pass, fail and not-probed counts, and the containers behind each block for the
 * drill-down. Pure; "not probed" counts squares that have no result at all (never a guessed verdict).
 */

/** Past this many containers the matrix opens aggregated by host instead of as the full grid. */
export const FULL_GRID_MAX_CONTAINERS = 40;

export type BlockCounts = { pass: number; fail: number; notProbed: number };

export type Aggregate = {
  group: "host" | "network";
  rows: string[];
  cols: string[];
  /** Counts by `blockId(row, col)`; a block with no pair at all is absent. */
  blocks: Record<string, BlockCounts>;
  /** The containers of each group, in the design's order. */
  members: Record<string, string[]>;
};

export function blockId(row: string, col: string): string {
  return `${row}>${col}`;
}

/** Where a container sits, read from the cells: a source's host, a target's networks (by IP). */
export function placementOf(cells: readonly ProbeCell[]): {
  host: Map<string, string>;
  networks: Map<string, Set<string>>;
} {
  const host = new Map<string, string>();
  const networks = new Map<string, Set<string>>();
  for (const cell of cells) {
    if (cell.host && !host.has(cell.from)) host.set(cell.from, cell.host);
    if (cell.by === "ip" && cell.network) {
      const set = networks.get(cell.to) ?? new Set<string>();
      set.add(cell.network);
      networks.set(cell.to, set);
    }
  }
  return { host, networks };
}

function add(blocks: Record<string, BlockCounts>, id: string, verdict: "pass" | "fail" | "pending"): void {
  const block = blocks[id] ?? { pass: 0, fail: 0, notProbed: 0 };
  if (verdict === "pass") block.pass++;
  else if (verdict === "fail") block.fail++;
  else block.notProbed++;
  blocks[id] = block;
}

/** Groups in first-seen order of `containers`, and their members. */
function grouped(containers: readonly string[], groupsOf: (container: string) => Iterable<string>) {
  const members: Record<string, string[]> = {};
  for (const container of containers)
    for (const group of groupsOf(container)) {
      const list = members[group] ?? [];
      list.push(container);
      members[group] = list;
    }
  return { order: Object.keys(members), members };
}

/**
 * Host × host: every ordered pair of containers and every means, by the hosts of source and target.
 * A container never seen as a source has the host `?`.
 */
export function aggregateByHost(
  containers: readonly string[],
  cells: readonly ProbeCell[],
  by: readonly By[],
): Aggregate {
  const { host } = placementOf(cells);
  const squares = cellsBySquare(cells);
  const hostOf = (container: string) => host.get(container) ?? "?";
  const { order, members } = grouped(containers, (container) => [hostOf(container)]);
  const blocks: Record<string, BlockCounts> = {};
  for (const from of containers)
    for (const to of containers) {
      if (from === to) continue;
      const id = blockId(hostOf(from), hostOf(to));
      for (const means of by) add(blocks, id, squareVerdict(squares[squareId({ from, to, by: means })]));
    }
  return { group: "host", rows: order, cols: order, blocks, members };
}

/**
 * Network × network, by IP: from the containers on one network to the addresses the others have on
 * another (a container on two networks counts on both rows). Name cells are left to the host view.
 */
export function aggregateByNetwork(containers: readonly string[], cells: readonly ProbeCell[]): Aggregate {
  const { networks } = placementOf(cells);
  const { order, members } = grouped(containers, (container) => [...(networks.get(container) ?? [])].sort());
  const verdicts = new Map<string, "pass" | "fail">();
  for (const cell of cells) {
    if (cell.by !== "ip" || !cell.network) continue;
    const key = `${cell.from}>${cell.to}>${cell.network}`;
    if (verdicts.get(key) !== "fail") verdicts.set(key, cell.verdict);
  }
  const blocks: Record<string, BlockCounts> = {};
  for (const from of containers)
    for (const to of containers) {
      if (from === to) continue;
      for (const target of networks.get(to) ?? [])
        for (const source of networks.get(from) ?? [])
          add(blocks, blockId(source, target), verdicts.get(`${from}>${to}>${target}`) ?? "pending");
    }
  return { group: "network", rows: order, cols: order, blocks, members };
}

/** The cells behind one block: the rows' and columns' containers (and, by network, that network's addresses). */
export function drillDown(
  aggregate: Aggregate,
  cells: readonly ProbeCell[],
  row: string,
  col: string,
): { rows: string[]; cols: string[]; cells: ProbeCell[] } {
  const rows = aggregate.members[row] ?? [];
  const cols = aggregate.members[col] ?? [];
  const from = new Set(rows);
  const to = new Set(cols);
  return {
    rows,
    cols,
    cells: cells.filter(
      (cell) =>
        from.has(cell.from) &&
        to.has(cell.to) &&
        (aggregate.group === "host" || (cell.by === "ip" && cell.network === col)),
    ),
  };
}

/**
 * The rows and columns the full grid shows under its filters: only containers with a failing cell
 * (`failedOnly`), and the sources whose name contains `query` (case insensitive), else the targets.
 */
export function filterAxes(
  axes: { rows: readonly string[]; cols: readonly string[] },
  cells: readonly ProbeCell[],
  filter: { failedOnly: boolean; query: string },
): { rows: string[]; cols: string[] } {
  let rows = [...axes.rows];
  let cols = [...axes.cols];
  if (filter.failedOnly) {
    const failing = cells.filter((cell) => cell.verdict === "fail");
    const fromFail = new Set(failing.map((cell) => cell.from));
    const toFail = new Set(failing.map((cell) => cell.to));
    rows = rows.filter((name) => fromFail.has(name));
    cols = cols.filter((name) => toFail.has(name));
  }
  const needle = filter.query.trim().toLowerCase();
  if (needle) {
    const match = (name: string) => name.toLowerCase().includes(needle);
    // A searched source is shown against every target; a name that is no source filters the targets.
    if (rows.some(match)) rows = rows.filter(match);
    else cols = cols.filter(match);
  }
  return { rows, cols };
}
