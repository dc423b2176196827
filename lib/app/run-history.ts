import "server-only";
import { plain } from "../i18n/text";
import { cellId } from "../matrix/matrix";
import type { ProbeCell } from "../probe/types";
import { type AuditRow, listAudit } from "../store/audit";
import { getInventory } from "../store/inventories";
import { type JournalEntry, listJournal } from "../store/journal";
import type { Store } from "../store/open";
import { getRun, listRuns, type Run } from "../store/runs";
import { getTopology, getTopologyVersion } from "../store/topologies";
import { parseTopologyText } from "../topology/parse";
import { describeRunOutcomeText, type RunListItem } from "../views/history";
import { type Actor, forbidden } from "./actor";
import { readPingRunCells } from "./ping-session";

/**
 * Past this many cells, the run page gets each cell without its sentences, raw output and command, and reads a
 * cell in full when it is opened ({@link readRunCell}): the 16,256 cells of a 128-container matrix were
 * 11.9 MB of page data, most of it ping output nobody reads until they click a cell.
 */
export const RUN_PAGE_FULL_CELLS = 2_000;

/** A cell as the grid and the heat-map need it: its sentences, raw output and command are read on opening. */
function pageCell(cell: ProbeCell): ProbeCell {
  return { ...cell, reason: plain(""), rawOutput: "", command: "" };
}

function pageCells(cells: ProbeCell[], previousId: string | null) {
  const detailsOnDemand = cells.length > RUN_PAGE_FULL_CELLS;
  return {
    kind: "ping" as const,
    cells: detailsOnDemand ? cells.map(pageCell) : cells,
    previousId,
    detailsOnDemand,
  };
}

/** One cell of a stored ping run in full (raw output and command included), by {@link cellId}. */
export function readRunCell(
  store: Store,
  input: { actor: Actor; runId: string; cellId: string },
): { ok: true; value: ProbeCell } | { ok: false; error: { code: "forbidden" | "not-found"; message: string } } {
  const denied = forbidden(input.actor, "viewer");
  if (denied) return { ok: false, error: denied };
  const run = getRun(store, input.runId);
  if (run?.kind !== "ping") return { ok: false, error: { code: "not-found", message: "no such ping run" } };
  const cell = readPingRunCells(store, run).find((candidate) => cellId(candidate) === input.cellId);
  return cell
    ? { ok: true, value: cell }
    : { ok: false, error: { code: "not-found", message: "no such cell in this run" } };
}

/** A stored run reshaped for the history: its topology name and version, its inventory's name, one outcome line. */
export function runListItem(store: Store, run: Run): RunListItem {
  const version = run.topologyVersionId ? getTopologyVersion(store, run.topologyVersionId) : null;
  const topology = version ? getTopology(store, version.topologyId) : null;
  const inventory = run.inventoryId ? getInventory(store, run.inventoryId) : null;
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    topology: version && topology ? { id: topology.id, name: topology.name, version: version.version } : null,
    inventory: inventory?.name ?? null,
    who: run.who,
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    outcome: describeRunOutcomeText(run).en,
    outcomeText: describeRunOutcomeText(run),
  };
}

/** What the run page shows: the run, its history line, the design's containers, and per kind its cells or its journal and audit rows. */
export type RunDetail = {
  run: Run;
  item: RunListItem;
  containers: string[];
  body:
    | {
        kind: "ping";
        cells: ProbeCell[];
        previousId: string | null;
        /** True when the cells came without their raw output and command ({@link RUN_PAGE_FULL_CELLS}). */
        detailsOnDemand: boolean;
      }
    | { kind: "converge"; journal: JournalEntry[]; audit: AuditRow[] }
    | { kind: "other" };
};

/**
 * One stored run for the run page (a viewer may read every run): a ping run's cells (read as every
 * screen reads them) and the previous finished ping run of the same topology to compare with; an
 * apply's or destroy's step journal and audit rows.
 */
export function readRunDetail(
  store: Store,
  input: { actor: Actor; runId: string },
): { ok: true; value: RunDetail } | { ok: false; error: { code: "forbidden" | "not-found"; message: string } } {
  const denied = forbidden(input.actor, "viewer");
  if (denied) return { ok: false, error: denied };
  const run = getRun(store, input.runId);
  if (!run) return { ok: false, error: { code: "not-found", message: "no such run" } };
  const item = runListItem(store, run);
  const version = run.topologyVersionId ? getTopologyVersion(store, run.topologyVersionId) : null;
  const design = version ? parseTopologyText(version.document).topology : undefined;
  const containers = Object.keys(design?.containers ?? {});
  if (run.kind === "ping") {
    const previous = item.topology
      ? listRuns(store, { kind: "ping", topologyId: item.topology.id, limit: 50 }).find(
          (candidate) => candidate.startedAt < run.startedAt && candidate.status !== "running",
        )
      : undefined;
    return {
      ok: true,
      value: {
        run,
        item,
        containers,
        body: pageCells(readPingRunCells(store, run), previous?.id ?? null),
      },
    };
  }
  if (run.kind === "apply" || run.kind === "destroy")
    return {
      ok: true,
      value: {
        run,
        item,
        containers,
        body: {
          kind: "converge",
          journal: listJournal(store, run.id),
          audit: listAudit(store, { runId: run.id, limit: 1000 }),
        },
      },
    };
  return { ok: true, value: { run, item, containers, body: { kind: "other" } } };
}
