import { HostPool } from "../exec/hosts";
import type { ResolvedInventory } from "../inventory/resolve";
import type { RerunGroup } from "../matrix/rerun";
import { pingRunSummary } from "../matrix/stored";
import { toStoredCell } from "../probe/record";
import { runProbe } from "../probe/run-probe";
import { MAX_PAIRS_LIMIT } from "../probe/settings";
import type { ProbeCell, ProbeEvent } from "../probe/types";
import { createAuditSink } from "../store/audit";
import type { Store } from "../store/open";
import { insertPingCells } from "../store/ping-cells";
import { finishRun, startRun } from "../store/runs";
import type { TopologyVersion } from "../store/topologies";
import type { Topology } from "../topology/schema";
import type { StartRunError } from "./apply-run";
import { runHub } from "./hub";
import type { StartedRun } from "./stream";

/** What to probe: a selection (default every pair, both means) or exactly some groups (a re-run). */
export type ProbeRequest =
  | { mode: "select"; by: "ip" | "name" | "both"; from?: string[]; to?: string[] }
  | { mode: "groups"; groups: RerunGroup[]; rerunOf: string | null };

/**
 * Starts a ping matrix of a saved topology version in the background: a `ping` run in the store,
 * its cells stored when it ends, each cell streamed on the run hub as it finishes. Groups (a re-run
 * of failed cells) are probed one after the other over one set of connections.
 */
export function startPingRun(
  store: Store,
  input: {
    topology: Topology;
    version: TopologyVersion;
    inventory: ResolvedInventory;
    who: string;
    request: ProbeRequest;
  },
): { ok: true; value: StartedRun } | { ok: false; error: StartRunError } {
  const { request } = input;
  const run = startRun(store, {
    kind: "ping",
    who: input.who,
    topologyVersionId: input.version.id,
    inventoryId: input.inventory.record.id,
    settings: {
      inventory: input.inventory.record.name,
      version: input.version.version,
      ...(request.mode === "select"
        ? { by: request.by, from: request.from ?? null, to: request.to ?? null }
        : { groups: request.groups.map((g) => ({ from: g.from, by: g.by, to: g.to })), rerunOf: request.rerunOf }),
    },
  });
  if (!run.ok) return { ok: false, error: { code: "unknown-reference", message: run.error.message } };
  const runId = run.value.id;
  const channel = runHub().open(runId, "ping");
  const audit = createAuditSink(store);
  const started = performance.now();
  const passes =
    request.mode === "select"
      ? [{ by: request.by, from: request.from, to: request.to }]
      : request.groups.map((group) => ({ by: group.by, from: [group.from], to: group.to }));
  void (async () => {
    const pool = new HostPool(input.inventory.inventory, {
      audit,
      who: input.who,
      runId,
      baseDir: input.inventory.dir,
      credential: input.inventory.credential,
      ssh: { connectTimeoutMs: 5000, maxChannels: 10 },
    });
    const cells: ProbeCell[] = [];
    const unreachable = new Map<string, string>();
    let cancelled = false;
    try {
      for (const pass of passes) {
        if (channel.signal.aborted) break;
        const report = await runProbe(input.topology, {
          inventory: input.inventory.inventory,
          inventoryDir: input.inventory.dir,
          who: input.who,
          audit,
          runId,
          pool,
          // The dashboard runs any matrix up to the hard cap (the full IP matrix of 256 containers):
          // the operator chose the design; the CLI's default of 2,000 asks for --max-pairs instead.
          settings: { maxPairs: MAX_PAIRS_LIMIT },
          by: pass.by,
          ...(pass.from ? { from: pass.from } : {}),
          ...(pass.to ? { to: pass.to } : {}),
          signal: channel.signal,
          onEvent: (event: ProbeEvent) => {
            if (event.type !== "done") channel.emit({ type: "probe", event });
          },
        });
        cells.push(...report.cells);
        for (const entry of report.unreachable) unreachable.set(entry.host, entry.error);
        cancelled ||= report.cancelled;
      }
      const durationMs = Math.round(performance.now() - started);
      const summary = pingRunSummary(cells, {
        durationMs,
        cancelled,
        unreachable: [...unreachable].map(([host, error]) => ({ host, error })),
        rerunOf: request.mode === "groups" ? request.rerunOf : null,
      });
      const stored = insertPingCells(store, runId, cells.map(toStoredCell));
      if (!stored.ok) channel.emit({ type: "note", text: `the cells could not be stored: ${stored.error.message}` });
      // As lib/probe's finishProbeRun: partial when a host could not be reached.
      const status = cancelled ? "cancelled" : unreachable.size > 0 ? "partial" : "done";
      finishRun(store, runId, { status, summary });
      channel.emit({
        type: "probe",
        event: { type: "done", summary: { pass: summary.pass, fail: summary.fail, durationMs }, cancelled },
      });
      channel.end({
        kind: "ping",
        result: {
          summary: { pass: summary.pass, fail: summary.fail, durationMs },
          cancelled,
          unreachable: summary.unreachable,
          error: null,
        },
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (cells.length) insertPingCells(store, runId, cells.map(toStoredCell));
      finishRun(store, runId, { status: "failed", summary: { error: message } });
      channel.end({ kind: "error", message });
    } finally {
      await pool.close();
    }
  })();
  return { ok: true, value: { runId, kind: "ping" } };
}
