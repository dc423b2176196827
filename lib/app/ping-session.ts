import "server-only";
import type { Role } from "../auth/roles";
import type { Audit } from "../exec/audit";
import { HostPool } from "../exec/hosts";
import { expectMatrix } from "../expect/expect";
import type { CheckKind } from "../expect/types";
import { cellId } from "../matrix/matrix";
import { type CellRef, cellGroup, type RerunGroup } from "../matrix/rerun";
import { type CellExtras, cellsFromStore, pingRunSummary, readPingRunSummary } from "../matrix/stored";
import { type ProbeOptions, type ProbeReport, runProbe } from "../probe/run-probe";
import { MAX_PAIRS_LIMIT, type ProbeSettings, resolveProbeSettings } from "../probe/settings";
import type { ProbeCell, ProbeEvent, ProbeSummary } from "../probe/types";
import { runHub } from "../runs/hub";
import type { StartedRun } from "../runs/stream";
import { createAuditSink } from "../store/audit";
import { createInventory, getInventoryByName, updateInventory } from "../store/inventories";
import type { JsonValue } from "../store/json";
import type { Store } from "../store/open";
import { insertPingCells, listPingCells, type PingCellInput } from "../store/ping-cells";
import { err, ok, type Result } from "../store/result";
import { finishRun, getRun, type Run, startRun } from "../store/runs";
import {
  createTopology,
  getTopologyByName,
  getTopologyVersion,
  saveTopologyVersion,
  type TopologyVersion,
} from "../store/topologies";
import { parseTopologyText } from "../topology/parse";
import type { Topology } from "../topology/schema";
import { type Actor, forbidden } from "./actor";
import type { StartRunError } from "./apply-run";
import type { ResolvedInventory } from "./inventory";
import { forbiddenOnInventory } from "./inventory-access";

/**
 * The ping session use case: run a ping matrix (a selection, or exactly some groups: a re-run),
 * stream its cells, record it, cancel it. The CLI (`crossnet ping`) and the dashboard both go
 * through here, so a run has ONE writer and opens the same way whichever shell started it.
 */

/** What to probe: a selection (default every pair, both means) or exactly some groups (a re-run). */
export type ProbeRequest =
  | { mode: "select"; by: CheckKind | "both" | CheckKind[]; from?: string[]; to?: string[] }
  | { mode: "groups"; groups: RerunGroup[]; rerunOf: string | null };

/** Where to probe: the parsed inventory, where its relative key paths resolve, stored keys if any. */
export type PingHosts = {
  inventory: ResolvedInventory["inventory"];
  dir: string;
  credential?: ResolvedInventory["credential"];
};

/** A finished (or cancelled) session: every final cell in probe order and what the summary stores. */
export type PingSessionReport = {
  runId: string;
  cells: ProbeCell[];
  summary: ProbeSummary;
  cancelled: boolean;
  unreachable: { host: string; error: string }[];
  rerunOf: string | null;
  settings: ProbeSettings;
  timings: { prepareMs: number; probeMs: number };
};

/** The role a ping session needs: it runs commands on the hosts. */
export const PING_ROLE: Role = "operator";

/**
 * Probes the request's passes one after the other over ONE set of connections (the pool's SSH connect
 * timeout is the settings' `connectTimeoutMs`), each cell streamed through `onEvent` as it finishes;
 * the duration is the passes' probe time.
 * `probe` is `runProbe` except in tests of the shells.
 * @throws ProbeLimitError (settings out of bounds, matrix too large), ProbeInputError (bad selection).
 */
export async function probeSession(input: {
  topology: Topology;
  hosts: PingHosts;
  who: string;
  audit: Audit;
  runId: string;
  request: ProbeRequest;
  settings?: Partial<ProbeSettings>;
  signal?: AbortSignal;
  onEvent?: (event: ProbeEvent) => void;
  probe?: (topology: Topology, options: ProbeOptions) => Promise<ProbeReport>;
  /** Answer tcp/udp cells with Crossnet's own responder where no service listens (see ProbeOptions). */
  responder?: boolean;
}): Promise<PingSessionReport> {
  const settings = resolveProbeSettings(input.settings);
  const probe = input.probe ?? runProbe;
  const { request } = input;
  const passes =
    request.mode === "select"
      ? [{ by: request.by, from: request.from, to: request.to }]
      : request.groups.map((group) => ({ by: group.by, from: [group.from], to: group.to }));
  const pool = new HostPool(input.hosts.inventory, {
    audit: input.audit,
    who: input.who,
    runId: input.runId,
    baseDir: input.hosts.dir,
    ...(input.hosts.credential ? { credential: input.hosts.credential } : {}),
    ssh: { connectTimeoutMs: settings.connectTimeoutMs, maxChannels: 10 },
  });
  const cells: ProbeCell[] = [];
  const unreachable = new Map<string, string>();
  const timings = { prepareMs: 0, probeMs: 0 };
  let durationMs = 0;
  let cancelled = false;
  try {
    for (const pass of passes) {
      if (input.signal?.aborted) {
        cancelled = true;
        break;
      }
      const report = await probe(input.topology, {
        inventory: input.hosts.inventory,
        inventoryDir: input.hosts.dir,
        who: input.who,
        audit: input.audit,
        runId: input.runId,
        pool,
        by: pass.by,
        settings,
        ...(input.responder ? { responder: true } : {}),
        ...(pass.from ? { from: pass.from } : {}),
        ...(pass.to ? { to: pass.to } : {}),
        ...(input.signal ? { signal: input.signal } : {}),
        ...(input.onEvent ? { onEvent: input.onEvent } : {}),
      });
      cells.push(...report.cells);
      for (const entry of report.unreachable) unreachable.set(entry.host, entry.error);
      timings.prepareMs += report.timings.prepareMs;
      timings.probeMs += report.timings.probeMs;
      durationMs += report.summary.durationMs;
      cancelled ||= report.cancelled;
    }
  } finally {
    await pool.close();
  }
  const pass = cells.filter((cell) => cell.verdict === "pass").length;
  return {
    runId: input.runId,
    cells,
    summary: { pass, fail: cells.length - pass, durationMs },
    cancelled,
    unreachable: [...unreachable].map(([host, error]) => ({ host, error })),
    rerunOf: request.mode === "groups" ? request.rerunOf : null,
    settings,
    timings,
  };
}

export type PingRecordError = { code: string; message: string };

/** The settings JSON a ping run stores for its request (what a re-run and the run page read back). */
export function requestSettings(request: ProbeRequest, extra: Record<string, JsonValue> = {}): JsonValue {
  return request.mode === "select"
    ? { by: request.by, from: request.from ?? null, to: request.to ?? null, ...extra }
    : { groups: request.groups.map((g) => ({ from: g.from, by: g.by, to: g.to })), rerunOf: request.rerunOf, ...extra };
}

/**
 * The one writer of a ping run's result: every cell (with its host, reason code and reason) and the
 * summary (counts, duration, cancelled, unreachable hosts, re-run origin, timings), then the run ends
 * `done`, `partial` (a host could not be reached) or `cancelled`.
 */
export function recordPingSession(store: Store, report: PingSessionReport): Result<Run, PingRecordError> {
  const inserted = insertPingCells(store, report.runId, report.cells.map(toStoredCell));
  const summary = {
    ...pingRunSummary(report.cells, {
      durationMs: report.summary.durationMs,
      cancelled: report.cancelled,
      unreachable: report.unreachable,
      rerunOf: report.rerunOf,
    }),
    timings: report.timings,
  };
  // A run with cells not as expected is a failed test run, whatever else happened (issue 13, item 12).
  const status = report.cancelled
    ? "cancelled"
    : report.summary.fail > 0
      ? "failed"
      : report.unreachable.length
        ? "partial"
        : "done";
  const finished = finishRun(store, report.runId, { status, summary });
  if (!inserted.ok) return err(inserted.error);
  return finished.ok ? finished : err(finished.error);
}

/** Ends a run that failed before its cells could be recorded (refused settings, unreadable hosts…). */
export function failPingSession(store: Store, runId: string, message: string): void {
  finishRun(store, runId, { status: "failed", summary: { error: message } });
}

/** What a ping run from a file is tied to: the design as run (saved as a topology version) and the inventory. */
export type PingFileContext = {
  topology: { name: string; document: string };
  /** Stored by name; left out when there is none to store. */
  inventory?: { name: string; document: string };
  actor: Actor;
  request: ProbeRequest;
  /** Settings and origin to keep with the run (file name, inventory path, probe settings). */
  extra?: Record<string, JsonValue>;
};

/**
 * Starts recording a ping run of a design given as a document (the CLI's files): saves it as the
 * topology's newest version (no new version when unchanged), the inventory by name, and a `running`
 * run whose id is the session's run id.
 */
export function startPingRecord(store: Store, context: PingFileContext): Result<Run, PingRecordError> {
  const denied = forbidden(context.actor, PING_ROLE);
  if (denied) return err(denied);
  const existing = getTopologyByName(store, context.topology.name);
  const topology = existing ? ok(existing) : createTopology(store, { name: context.topology.name });
  if (!topology.ok) return err(topology.error);
  const version = saveTopologyVersion(store, {
    topologyId: topology.value.id,
    document: context.topology.document,
    author: context.actor.name,
  });
  if (!version.ok) return err(version.error);
  const run = startRun(store, {
    kind: "ping",
    who: context.actor.name,
    topologyVersionId: version.value.version.id,
    inventoryId: context.inventory ? inventoryId(store, context.inventory) : null,
    settings: requestSettings(context.request, context.extra),
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
    // The English, for readers of the table alone; the cell's Text is in the run's summary.
    diagnosis: cell.diagnosis?.en ?? null,
    error: cell.error,
    rawOutput: cell.rawOutput,
    network: cell.network,
    command: cell.command,
    attempts: cell.attempts,
    port: cell.port ?? null,
    mtuExpected: cell.mtu?.expected ?? null,
    mtuPath: cell.mtu?.path ?? null,
    mtuInterface: cell.mtu?.interface ?? null,
  };
}

/**
 * Starts a ping session of a saved topology version in the background (the dashboard): a `ping` run
 * in the store, each cell streamed on the run hub as it finishes, everything recorded by
 * {@link recordPingSession} when it ends; cancelled through the hub.
 */
export function startPingRun(
  store: Store,
  input: {
    topology: Topology;
    version: TopologyVersion;
    inventory: ResolvedInventory;
    actor: Actor;
    request: ProbeRequest;
    settings?: Partial<ProbeSettings>;
    /** Answer tcp/udp services nobody runs with Crossnet's responder (see ProbeOptions.responder). */
    responder?: boolean;
  },
): { ok: true; value: StartedRun } | { ok: false; error: StartRunError } {
  const denied = forbiddenOnInventory(store, input.actor, input.inventory.record, PING_ROLE);
  if (denied) return { ok: false, error: denied };
  let settings: ProbeSettings;
  try {
    // The dashboard runs any matrix up to the hard cap (the full IP matrix of 256 containers): the
    // operator chose the design; the CLI's default of 2,000 asks for --max-pairs instead.
    settings = resolveProbeSettings({ maxPairs: MAX_PAIRS_LIMIT, ...input.settings });
  } catch (error) {
    return {
      ok: false,
      error: { code: "invalid-input", message: error instanceof Error ? error.message : String(error) },
    };
  }
  const run = startRun(store, {
    kind: "ping",
    who: input.actor.name,
    topologyVersionId: input.version.id,
    inventoryId: input.inventory.record.id,
    settings: requestSettings(input.request, {
      inventory: input.inventory.record.name,
      version: input.version.version,
      ...(input.settings ? { settings: { ...input.settings } } : {}),
      ...(input.responder ? { responder: true } : {}),
    }),
  });
  if (!run.ok) return { ok: false, error: { code: "unknown-reference", message: run.error.message } };
  const runId = run.value.id;
  const channel = runHub().open(runId, "ping");
  const audit = createAuditSink(store);
  void (async () => {
    const cells: ProbeCell[] = [];
    try {
      const report = await probeSession({
        topology: input.topology,
        hosts: input.inventory,
        who: input.actor.name,
        audit,
        runId,
        request: input.request,
        settings,
        ...(input.responder ? { responder: true } : {}),
        signal: channel.signal,
        onEvent: (event) => {
          if (event.type === "cell") cells.push(event.cell);
          if (event.type !== "done") channel.emit({ type: "probe", event });
        },
      });
      const recorded = recordPingSession(store, report);
      if (!recorded.ok) channel.emit({ type: "note", text: `the run could not be stored: ${recorded.error.message}` });
      const { summary, cancelled } = report;
      channel.emit({ type: "probe", event: { type: "done", summary, cancelled } });
      channel.end({
        kind: "ping",
        result: { summary, cancelled, unreachable: report.unreachable, error: null },
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (cells.length) insertPingCells(store, runId, cells.map(toStoredCell));
      failPingSession(store, runId, message);
      channel.end({ kind: "error", message });
    }
  })();
  return { ok: true, value: { runId, kind: "ping" } };
}

/**
 * A stored ping run's cells as every screen and file shows them (the run page, the Test tab, compare,
 * CSV): the rows plus the summary's per-cell extras, the same whichever shell recorded the run.
 * Runs recorded before the CLI wrote extras (its cells had no host or reason) are completed from the
 * design version they ran: the expectation's reason and the source's host are pure functions of it.
 */
export function readPingRunCells(
  store: Store,
  run: Pick<Run, "id" | "summary"> & { topologyVersionId?: string | null },
): ProbeCell[] {
  const rows = listPingCells(store, run.id);
  const summary = readPingRunSummary(run.summary);
  // Runs stored before cells kept their extras, or kept only the English reason: the reason (and its
  // translation) comes again from the run's design version, when it gives the same reason code.
  if (run.topologyVersionId && rows.some((row) => summary.extras[cellId(row)]?.reasonUntranslated !== false)) {
    const version = getTopologyVersion(store, run.topologyVersionId);
    const topology = version ? parseTopologyText(version.document).topology : undefined;
    if (topology) {
      const expected = expectedExtras(topology, rows);
      const merged = { ...expected, ...summary.extras };
      for (const [id, stored] of Object.entries(summary.extras)) {
        const again = expected[id];
        if (stored.reasonUntranslated && again?.reason && again.reasonCode === stored.reasonCode)
          merged[id] = { ...stored, reason: again.reason, reasonUntranslated: false };
      }
      summary.extras = merged;
    }
  }
  return cellsFromStore(rows, summary);
}

/** The extras a cell's expectation gives (reason code, reason, source host), matched by pair, means and target. */
function expectedExtras(
  topology: Topology,
  rows: readonly { from: string; to: string; by: CheckKind; target: string; network: string | null }[],
): Record<string, CellExtras> {
  let pairs: ReturnType<typeof expectMatrix>["pairs"];
  try {
    pairs = expectMatrix(topology, {
      by: [...new Set(rows.map((row) => row.by))],
      // Hosts as endpoints (`host:NAME`) appear only when named: name every endpoint of the rows.
      from: [...new Set(rows.map((row) => row.from))],
      to: [...new Set(rows.map((row) => row.to))],
    }).pairs;
  } catch {
    return {};
  }
  const extras: Record<string, CellExtras> = {};
  // Indexed by pair and means: a run of 128 containers has 16,256 rows and as many pairs.
  const byPair = new Map<string, typeof pairs>();
  for (const pair of pairs) {
    const key = `${pair.from}\u0000${pair.to}\u0000${pair.by}`;
    const list = byPair.get(key);
    if (list) list.push(pair);
    else byPair.set(key, [pair]);
  }
  for (const row of rows) {
    const same = byPair.get(`${row.from}\u0000${row.to}\u0000${row.by}`) ?? [];
    const pair = same.find((candidate) => candidate.target === row.target) ?? same[0];
    if (!pair) continue;
    extras[cellId(row)] = {
      host: topology.containers?.[row.from]?.host ?? "",
      network: row.network ?? pair.network ?? null,
      reasonCode: pair.reasonCode,
      reason: pair.reason,
      reasonUntranslated: false,
      diagnosis: undefined,
      command: "",
      attempts: 1,
    };
  }
  return extras;
}

/**
 * The request that probes one cell of an earlier ping run again (a re-run of exactly that pair and
 * means, recorded with `rerunOf`): the run must exist, be a ping run, and have that cell.
 */
export function rerunCellRequest(
  store: Store,
  input: { actor: Actor; runId: string; cell: CellRef },
): Result<Extract<ProbeRequest, { mode: "groups" }>, PingRecordError> {
  const denied = forbidden(input.actor, PING_ROLE);
  if (denied) return err(denied);
  const run = getRun(store, input.runId);
  if (run?.kind !== "ping")
    return err({
      code: "not-found",
      message: `no ping run ${input.runId} in this store (crossnet ping records its runs there)`,
    });
  const group = cellGroup(readPingRunCells(store, run), input.cell);
  if (!group.ok) return err(group.error);
  return ok({ mode: "groups", groups: [group.value], rerunOf: run.id });
}
