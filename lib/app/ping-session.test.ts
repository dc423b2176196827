import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createPingCommand } from "../../cli/commands/ping";
import { expectMatrix } from "../expect/expect";
import { plain, type Text, t } from "../i18n/text";
import { parseInventoryText } from "../inventory/document";
import { cellId } from "../matrix/matrix";
import type { ProbeOptions, ProbeReport } from "../probe/run-probe";
import { DEFAULT_PROBE_SETTINGS } from "../probe/settings";
import { probeCell } from "../probe/testing/probe-cell";
import type { ProbeCell } from "../probe/types";
import { createAuditSink } from "../store/audit";
import { createInventory, getInventoryByName } from "../store/inventories";
import type { JsonValue } from "../store/json";
import { insertPingCells, listPingCells } from "../store/ping-cells";
import { finishRun, getRun, listRuns, startRun } from "../store/runs";
import { openTestStore } from "../store/testing";
import { createTopology, getLatestTopologyVersion, getTopologyByName, listTopologyVersions } from "../store/topologies";
import { parseTopologyText } from "../topology/parse";
import type { Topology } from "../topology/schema";
import { resolveInventory } from "./inventory";
import {
  type PingSessionReport,
  probeSession,
  readPingRunCells,
  recordPingSession,
  startPingRecord,
  startPingRun,
  toStoredCell,
} from "./ping-session";
import { scratchData } from "./testing/scratch-data";

const cell: ProbeCell = probeCell({
  reason: t`same macvlan network ${"mac_net1"}`,
  actual: "blocked",
  received: 0,
  lossPct: 100,
  verdict: "fail",
  diagnosis: t`parent NIC ${"ens33"} of ${"node-2"} is not promiscuous (${t`ip link set ${"ens33"} promisc on`})`,
  rawOutput: "3 packets transmitted, 0 packets received, 100% packet loss",
  command: "nsenter --net=/proc/4242/ns/net -- ping -4 -n -q -c 3 -i 0.2 -W 1 -w 1 -- 10.0.0.12",
  attempts: 2,
});
const byName: ProbeCell = {
  ...cell,
  by: "name",
  target: "bbox-2",
  network: null,
  reasonCode: "dns-macvlan-across-hosts",
  reason: t`no DNS across hosts on ${"macvlan"}`,
  expected: "blocked",
  actual: "blocked",
  verdict: "pass",
  diagnosis: null,
  command: "docker exec bbox-1 ping -c 3 bbox-2",
  attempts: 1,
};

const report = (cells: ProbeCell[], extra: Partial<PingSessionReport> = {}): PingSessionReport => ({
  runId: "set-below",
  cells,
  summary: { pass: 0, fail: cells.length, durationMs: 812 },
  cancelled: false,
  unreachable: [],
  rerunOf: null,
  settings: DEFAULT_PROBE_SETTINGS,
  timings: { prepareMs: 50, probeMs: 762 },
  ...extra,
});

/** A probe that returns fixed cells: the shells' code paths run for real, only the hosts are left out. */
const fixedProbe =
  (cells: ProbeCell[]) =>
  async (_topology: Topology, options: ProbeOptions): Promise<ProbeReport> => {
    for (const one of cells) options.onEvent?.({ type: "cell", cell: one });
    const pass = cells.filter((c) => c.verdict === "pass").length;
    return {
      runId: options.runId ?? "x",
      cells,
      summary: { pass, fail: cells.length - pass, durationMs: 5 },
      cancelled: false,
      unreachable: [],
      settings: DEFAULT_PROBE_SETTINGS,
      timings: { prepareMs: 1, probeMs: 4 },
    };
  };

describe("recording a ping session", () => {
  const context = {
    topology: { name: "macvlan", document: "name: macvlan\n" },
    inventory: { name: "data/lab/inventory.yaml", document: "hosts: {}\n" },
    actor: { name: "cli:root", role: "admin" as const },
    request: { mode: "select" as const, by: "both" as const },
    extra: { count: 3 },
  };

  it("ties the run to the design's version and the inventory, and stores every cell", () => {
    const store = openTestStore();
    const started = startPingRecord(store, context);
    if (!started.ok) throw new Error(started.error.message);
    expect(started.value).toMatchObject({
      kind: "ping",
      status: "running",
      who: "cli:root",
      settings: { by: "both", from: null, to: null, count: 3 },
    });
    const topology = getTopologyByName(store, "macvlan");
    expect(listTopologyVersions(store, topology?.id ?? "").map((v) => v.id)).toEqual([started.value.topologyVersionId]);
    expect(started.value.inventoryId).toBe(getInventoryByName(store, "data/lab/inventory.yaml")?.id);

    const finished = recordPingSession(store, report([cell], { runId: started.value.id }));
    expect(finished).toMatchObject({
      ok: true,
      value: { status: "failed", summary: { pass: 0, fail: 1, durationMs: 812, unreachable: [] } },
    });
    expect(listPingCells(store, started.value.id)).toEqual([
      expect.objectContaining({
        from: "bbox-1",
        target: "10.0.0.12",
        actual: "blocked",
        verdict: "fail",
        diagnosis: cell.diagnosis?.en,
        network: "mac_net1",
        command: cell.command,
        attempts: 2,
        rttMinMs: null,
      }),
    ]);
  });

  it("reuses an unchanged design version and marks partial and cancelled runs", () => {
    const store = openTestStore();
    const first = startPingRecord(store, context);
    const second = startPingRecord(store, context);
    if (!first.ok || !second.ok) throw new Error("start failed");
    expect(second.value.topologyVersionId).toBe(first.value.topologyVersionId);
    recordPingSession(
      store,
      report([], { runId: first.value.id, unreachable: [{ host: "node-2", error: "timed out" }] }),
    );
    recordPingSession(store, report([], { runId: second.value.id, cancelled: true }));
    expect(getRun(store, first.value.id)?.status).toBe("partial");
    expect(getRun(store, second.value.id)?.status).toBe("cancelled");
  });

  it("refuses a viewer: a ping session runs commands on the hosts", () => {
    const store = openTestStore();
    const refused = startPingRecord(store, { ...context, actor: { name: "v", role: "viewer" } });
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(listRuns(store, { kind: "ping" })).toEqual([]);
  });
});

describe("one cell shape whichever shell records the run", () => {
  const { dir, inventory } = scratchData("cn-ping-session-");

  it("a run recorded by `crossnet ping` opens in the dashboard with the cells a dashboard run of the same matrix has", async () => {
    const cells = [cell, byName];
    const store = openTestStore();
    const sink = { isTTY: false, write: () => true } as unknown as NodeJS.WriteStream;
    const cli = createPingCommand({
      probe: fixedProbe(cells),
      openStore: () => ({ ...store, close: () => undefined }),
      stdout: sink,
      stderr: sink,
    });
    await cli.run(["examples/macvlan.yaml", "-i", inventory, "--json"]);
    const [cliRun] = listRuns(store, { kind: "ping" });
    if (!cliRun) throw new Error("the CLI recorded no run");

    // The dashboard's path (startPingRun without the background task and the hub): a run row, the
    // session over the same matrix, the one writer.
    const dashboardRun = startRun(store, { kind: "ping", who: "alice", settings: {} });
    if (!dashboardRun.ok) throw new Error(dashboardRun.error.message);
    const parsed = parseInventoryText(readFileSync(inventory, "utf8"));
    if (!parsed.ok) throw new Error("inventory");
    const session = await probeSession({
      topology: { name: "macvlan", hosts: {} } as Topology,
      hosts: { inventory: parsed.inventory, dir },
      who: "alice",
      audit: createAuditSink(store),
      runId: dashboardRun.value.id,
      request: { mode: "select", by: "both" },
      probe: fixedProbe(cells),
    });
    expect(recordPingSession(store, session).ok).toBe(true);

    const fromCli = readPingRunCells(store, getRun(store, cliRun.id) ?? cliRun);
    const fromDashboard = readPingRunCells(store, getRun(store, dashboardRun.value.id) ?? dashboardRun.value);
    expect(fromCli).toEqual(fromDashboard);
    expect(fromCli).toEqual(cells);
  });
});

it("a run the CLI recorded before cells kept their reason still opens, with host and reason from its design version", () => {
  const store = openTestStore();
  const document = readFileSync("examples/macvlan.yaml", "utf8");
  const design = parseTopologyText(document).topology;
  if (!design) throw new Error("example does not parse");
  const started = startPingRecord(store, {
    topology: { name: design.name, document },
    actor: { name: "cli:root", role: "admin" },
    request: { mode: "select", by: "both" },
  });
  if (!started.ok) throw new Error(started.error.message);
  const pairs = expectMatrix(design, { by: "both" }).pairs;
  // What the CLI wrote until this change (lib/probe/record.ts): the rows, and a summary without per-cell extras.
  const rows = pairs.map((pair) =>
    toStoredCell({
      ...cell,
      ...pair,
      network: pair.network ?? null,
      host: "",
      reason: plain(""),
      reasonCode: "same-network",
    }),
  );
  insertPingCells(store, started.value.id, rows);
  finishRun(store, started.value.id, {
    status: "done",
    summary: { pass: 0, fail: rows.length, durationMs: 5, unreachable: [], timings: { prepareMs: 1, probeMs: 4 } },
  });
  const read = readPingRunCells(store, getRun(store, started.value.id) ?? started.value);
  expect(read).toHaveLength(pairs.length);
  expect(read.map((c) => [c.host, c.reasonCode, c.reason])).toEqual(
    pairs.map((pair) => [design.containers?.[pair.from]?.host, pair.reasonCode, pair.reason]),
  );
  expect(read.every((c) => c.reason.key !== "")).toBe(true);
});

it("a run stored with English reasons only gets their translation back from its design version", () => {
  const store = openTestStore();
  const document = readFileSync("examples/macvlan.yaml", "utf8");
  const design = parseTopologyText(document).topology;
  if (!design) throw new Error("example does not parse");
  const started = startPingRecord(store, {
    topology: { name: design.name, document },
    actor: { name: "cli:root", role: "admin" },
    request: { mode: "select", by: "both" },
  });
  if (!started.ok) throw new Error(started.error.message);
  const pairs = expectMatrix(design, { by: "both" }).pairs;
  // What writers stored before reasons were Texts: the English reason in the extras, nothing to translate.
  const cells: ProbeCell[] = pairs.map((pair) => ({ ...cell, ...pair, network: pair.network ?? null, host: "node-1" }));
  insertPingCells(store, started.value.id, cells.map(toStoredCell));
  const extras = Object.fromEntries(
    cells.map((one) => [cellId(one), { host: one.host, reasonCode: one.reasonCode, reason: one.reason.en }]),
  );
  finishRun(store, started.value.id, {
    status: "done",
    summary: { pass: 0, fail: cells.length, durationMs: 5, extras },
  });
  const stored = getRun(store, started.value.id);
  const read = readPingRunCells(store, stored ?? started.value);
  expect(read.map((c) => c.reason)).toEqual(pairs.map((pair) => pair.reason));
  expect(read.every((c) => c.reason.args.length > 0 || c.reason.key === c.reason.en)).toBe(true);
});

it("a run stored with `reason`/`reasonText`/`diagnosisText` extras (before one cell shape) opens with the cells a new run has", () => {
  const store = openTestStore();
  const run = (who: string) => {
    const started = startRun(store, { kind: "ping", who, settings: {} });
    if (!started.ok) throw new Error(started.error.message);
    return started.value;
  };
  const cells = [cell, byName];
  // The format written until this change: the English reason only when there was no Text, the Texts
  // under `reasonText` and `diagnosisText` (template and arguments), the English diagnosis in the column.
  const old = run("old-writer");
  insertPingCells(store, old.id, cells.map(toStoredCell));
  const compact = (text: Text): unknown => ({
    key: text.key,
    args: text.args.map((arg) => (typeof arg === "string" ? arg : compact(arg))),
  });
  const extras = Object.fromEntries(
    cells.map((one) => [
      cellId(one),
      {
        host: one.host,
        reasonCode: one.reasonCode,
        reasonText: compact(one.reason),
        ...(one.diagnosis ? { diagnosisText: compact(one.diagnosis) } : {}),
      },
    ]),
  );
  finishRun(store, old.id, { status: "done", summary: { pass: 1, fail: 1, durationMs: 5, extras } as JsonValue });
  const now = run("new-writer");
  expect(recordPingSession(store, report(cells, { runId: now.id })).ok).toBe(true);
  const fromOld = readPingRunCells(store, getRun(store, old.id) ?? old);
  expect(fromOld).toEqual(readPingRunCells(store, getRun(store, now.id) ?? now));
  expect(fromOld).toEqual(cells);
});

it("the dashboard's probe settings are checked before a run starts, and kept with the run", () => {
  const store = openTestStore();
  const document = readFileSync("examples/macvlan.yaml", "utf8");
  const topology = parseTopologyText(document).topology;
  const created = createTopology(store, { name: "macvlan", initial: { document, author: "alice" } });
  const inventoryRecord = createInventory(store, { name: "two", document: "hosts: {}\n" });
  if (!topology || !created.ok || !inventoryRecord.ok) throw new Error("setup");
  const version = getLatestTopologyVersion(store, created.value.id);
  const inventory = resolveInventory(store, inventoryRecord.value.id);
  if (!version || !inventory.ok) throw new Error("setup");
  const input = {
    topology,
    version,
    inventory: inventory.value,
    actor: { name: "alice", role: "operator" as const },
    request: { mode: "select" as const, by: "ip" as const },
  };
  expect(startPingRun(store, { ...input, settings: { count: 99 } })).toEqual({
    ok: false,
    error: { code: "invalid-input", message: "count must be from 1 to 10, not 99" },
  });
  expect(startPingRun(store, { ...input, actor: { name: "v", role: "viewer" } })).toMatchObject({
    ok: false,
    error: { code: "forbidden" },
  });
  expect(listRuns(store, { kind: "ping" })).toEqual([]);
});
