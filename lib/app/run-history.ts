import "server-only";
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
    | { kind: "ping"; cells: ProbeCell[]; previousId: string | null }
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
        body: { kind: "ping", cells: readPingRunCells(store, run), previousId: previous?.id ?? null },
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
