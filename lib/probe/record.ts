import { createInventory, getInventoryByName, updateInventory } from "../store/inventories";
import type { JsonValue } from "../store/json";
import type { Store } from "../store/open";
import { insertPingCells, type PingCellInput } from "../store/ping-cells";
import { err, ok, type Result } from "../store/result";
import { finishRun, type Run, startRun } from "../store/runs";
import { createTopology, getTopologyByName, saveTopologyVersion } from "../store/topologies";
import type { ProbeReport } from "./run-probe";
import type { ProbeCell } from "./types";

/** What a ping run is tied to: the design as run (saved as a topology version) and the inventory. */
export type ProbeRunContext = {
  topology: { name: string; document: string };
  /** Stored by name; left out (null) when the store refuses the document (too large, looks secret). */
  inventory?: { name: string; document: string };
  who: string;
  /** Selection and settings, as the run's settings JSON. */
  settings: JsonValue;
};

export type ProbeRecordError = { code: string; message: string };

/**
 * Records the start of a ping run: saves the design as the topology's newest version (no new
 * version when the text is unchanged), the inventory by name, and a `running` run. Its id is the
 * run id to pass to `runProbe`, so the audit rows of the probe's commands point at it.
 */
export function startProbeRun(store: Store, context: ProbeRunContext): Result<Run, ProbeRecordError> {
  const existing = getTopologyByName(store, context.topology.name);
  const topology = existing ? ok(existing) : createTopology(store, { name: context.topology.name });
  if (!topology.ok) return err(topology.error);
  const version = saveTopologyVersion(store, {
    topologyId: topology.value.id,
    document: context.topology.document,
    author: context.who,
  });
  if (!version.ok) return err(version.error);
  const run = startRun(store, {
    kind: "ping",
    who: context.who,
    topologyVersionId: version.value.version.id,
    inventoryId: context.inventory ? inventoryId(store, context.inventory) : null,
    settings: context.settings,
  });
  return run.ok ? run : err(run.error);
}

function inventoryId(store: Store, inventory: { name: string; document: string }): string | null {
  const existing = getInventoryByName(store, inventory.name);
  if (!existing) {
    const created = createInventory(store, inventory);
    return created.ok ? created.value.id : null;
  }
  if (existing.document === inventory.document) return existing.id;
  const updated = updateInventory(store, existing.id, { document: inventory.document });
  return updated.ok ? updated.value.id : null;
}

/**
 * Stores every cell of a finished (or cancelled) run and ends it: `done`, `partial` when a host
 * could not be reached, `cancelled`; the summary holds pass/fail counts, duration and unreachable hosts.
 */
export function finishProbeRun(store: Store, runId: string, report: ProbeReport): Result<Run, ProbeRecordError> {
  const inserted = insertPingCells(store, runId, report.cells.map(toStoredCell));
  if (!inserted.ok) return err(inserted.error);
  const status = report.cancelled ? "cancelled" : report.unreachable.length ? "partial" : "done";
  const finished = finishRun(store, runId, {
    status,
    summary: { ...report.summary, unreachable: report.unreachable, timings: report.timings },
  });
  return finished.ok ? finished : err(finished.error);
}

/** Ends a run that failed before any cell (refused settings, unreadable inventory hosts…). */
export function failProbeRun(store: Store, runId: string, message: string): void {
  finishRun(store, runId, { status: "failed", summary: { error: message } });
}

/** A cell as the `ping_cells` table stores it. */
export function toStoredCell(cell: ProbeCell): PingCellInput {
  return {
    from: cell.from,
    to: cell.to,
    by: cell.by,
    target: cell.target,
    expected: cell.expected,
    actual: cell.actual,
    sent: cell.sent,
    received: cell.received,
    lossPct: cell.lossPct,
    rttMinMs: cell.rttMs?.min ?? null,
    rttAvgMs: cell.rttMs?.avg ?? null,
    rttMaxMs: cell.rttMs?.max ?? null,
    verdict: cell.verdict,
    diagnosis: cell.diagnosis,
    error: cell.error,
    rawOutput: cell.rawOutput,
    network: cell.network,
    command: cell.command,
    attempts: cell.attempts,
  };
}
