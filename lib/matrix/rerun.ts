import { CHECK_KINDS } from "../expect/types";
import { attachKey, containerKey, networkKey } from "../graph/keys";
import type { ProbeCell } from "../probe/types";
import { type By, cellId } from "./matrix";

/** Cells to probe again from one source by one means. */
export type RerunGroup = { from: string; by: By; to: string[] };

/**
 * The failed cells of a matrix as probe groups, one per source and means, targets sorted: a
 * re-run probes exactly these pairs and nothing else. Pure; groups sorted for stable requests.
 */
export function failedGroups(cells: readonly ProbeCell[]): RerunGroup[] {
  const groups = new Map<string, RerunGroup>();
  for (const cell of cells) {
    if (cell.verdict !== "fail") continue;
    const key = `${cell.from}|${cell.by}`;
    const group = groups.get(key) ?? { from: cell.from, by: cell.by, to: [] };
    if (!group.to.includes(cell.to)) group.to.push(cell.to);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((group) => ({ ...group, to: [...group.to].sort() }))
    .sort((a, b) => (a.from === b.from ? (a.by < b.by ? -1 : 1) : a.from < b.from ? -1 : 1));
}

/** `base` with the cells of `rerun` in place of the ones they repeat (new ones appended). */
export function mergeCells(base: readonly ProbeCell[], rerun: readonly ProbeCell[]): ProbeCell[] {
  const fresh = new Map(rerun.map((cell) => [cellId(cell), cell]));
  const merged = base.map((cell) => fresh.get(cellId(cell)) ?? cell);
  const known = new Set(base.map(cellId));
  return [...merged, ...rerun.filter((cell) => !known.has(cellId(cell)))];
}

/**
 * Canvas layout keys along the paths of failed cells: both containers, the network the target
 * was pinged on, and the two attachments to it. The canvas draws them as failed paths. Pure.
 */
export function failedPathKeys(cells: readonly ProbeCell[]): string[] {
  const keys = new Set<string>();
  for (const cell of cells) {
    if (cell.verdict !== "fail") continue;
    keys.add(containerKey(cell.from));
    keys.add(containerKey(cell.to));
    if (cell.network) {
      keys.add(networkKey(cell.network));
      keys.add(attachKey(cell.from, cell.network));
      keys.add(attachKey(cell.to, cell.network));
    }
  }
  return [...keys].sort();
}

/** One cell of a matrix named by its ordered pair and means (`--cell FROM,TO,BY`). */
export type CellRef = { from: string; to: string; by: By };

export type CellRefError = { code: "invalid-cell" | "unknown-cell"; message: string };

/**
 * Parses `FROM,TO,BY` (BY is `ip`, `name`, `tcp`, `udp` or `mtu`). Pure; the error says which part is wrong and the form.
 */
export function parseCellRef(text: string): { ok: true; value: CellRef } | { ok: false; error: CellRefError } {
  const parts = text.split(",").map((part) => part.trim());
  const [from, to, by] = parts;
  if (parts.length !== 3 || !from || !to)
    return {
      ok: false,
      error: { code: "invalid-cell", message: `--cell takes FROM,TO,BY (e.g. bbox-1,bbox-2,ip), not '${text}'` },
    };
  const kind = CHECK_KINDS.find((candidate) => candidate === by);
  if (!kind)
    return {
      ok: false,
      error: { code: "invalid-cell", message: `--cell: BY must be ip, name, tcp, udp or mtu, not '${by ?? ""}'` },
    };
  return { ok: true, value: { from, to, by: kind } };
}

/**
 * The probe group that repeats exactly one square of an earlier matrix (every target of that pair by
 * that means, as `failedGroups` does for the failed ones). Pure.
 * @returns an `unknown-cell` error naming the cells the run has from that source, when it has not this one.
 */
export function cellGroup(
  cells: readonly ProbeCell[],
  ref: CellRef,
): { ok: true; value: RerunGroup } | { ok: false; error: CellRefError } {
  if (cells.some((cell) => cell.from === ref.from && cell.to === ref.to && cell.by === ref.by))
    return { ok: true, value: { from: ref.from, by: ref.by, to: [ref.to] } };
  const known = [
    ...new Set(cells.filter((cell) => cell.from === ref.from).map((cell) => `${cell.from},${cell.to},${cell.by}`)),
  ]
    .sort()
    .slice(0, 6);
  return {
    ok: false,
    error: {
      code: "unknown-cell",
      message: `the run has no cell ${ref.from},${ref.to},${ref.by}${known.length ? ` (from ${ref.from} it has ${known.join(" ")})` : ""}`,
    },
  };
}
