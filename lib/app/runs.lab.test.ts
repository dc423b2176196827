import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { onHost } from "../exec/testing/lab";
import { labDown, labSpecFromTopology } from "../lab/index";
import { failedGroups } from "../matrix/rerun";
import { cellsFromStore, readPingRunSummary } from "../matrix/stored";
import { acquireLab, requireRoot } from "../probe/testing/lab-session";
import { runHub } from "../runs/hub";
import type { RunOutcome, RunStreamEvent } from "../runs/stream";
import { listAudit } from "../store/audit";
import { listJournal } from "../store/journal";
import { openStore, type Store } from "../store/open";
import { listPingCells } from "../store/ping-cells";
import { getRun } from "../store/runs";
import { createTopology, getLatestTopologyVersion, type TopologyVersion } from "../store/topologies";
import { checkTopologyText, type Topology } from "../topology/index";
import { startApplyRun } from "./apply-run";
import { type ResolvedInventory, registerLabInventory, resolveInventory } from "./inventory";
import { observePlan } from "./observe-plan";
import { startPingRun } from "./ping-session";

const text = readFileSync(join(import.meta.dirname, "..", "..", "examples", "macvlan.yaml"), "utf8");
const design = checkTopologyText(text).topology as Topology;
let dir = "";
/** Only a lab this file brought up is taken down. */
let acquired = false;
let store: Store;
let version: TopologyVersion;
let inventory: ResolvedInventory;

/** Everything a run streamed, once it ended. */
function follow(runId: string): Promise<{ events: RunStreamEvent[]; outcome: RunOutcome }> {
  return new Promise((resolve) => {
    const events: RunStreamEvent[] = [];
    const take = (_seq: number, event: RunStreamEvent) => {
      events.push(event);
      if (event.type === "end") resolve({ events, outcome: event.outcome });
    };
    const subscription = runHub().subscribe(runId, 0, take);
    for (const { seq, event } of subscription?.replay ?? []) take(seq, event);
  });
}

beforeAll(async () => {
  requireRoot("the dashboard's run services");
  dir = mkdtempSync(join(tmpdir(), "crossnet-runs-lab-"));
  await acquireLab(labSpecFromTopology(design), join(dir, "inventory.yaml"));
  acquired = true;
  const opened = openStore({ path: ":memory:" });
  if (!opened.ok) throw new Error(opened.error.message);
  store = opened.value;
  const created = createTopology(store, { name: design.name, initial: { document: text, author: "test" } });
  if (!created.ok) throw new Error("topology not stored");
  const latest = getLatestTopologyVersion(store, created.value.id);
  if (!latest) throw new Error("no version stored");
  version = latest;
  const registered = await registerLabInventory(store);
  if (!("id" in registered)) throw new Error(`lab inventory not registered: ${JSON.stringify(registered)}`);
  const resolved = resolveInventory(store, registered.id);
  if (!resolved.ok) throw new Error(resolved.error.message);
  inventory = resolved.value;
}, 25 * 60_000);

afterAll(async () => {
  store?.close();
  if (acquired) await labDown({});
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it("the plan against fresh lab hosts marks every container and network missing", async () => {
  const observed = await observePlan(store, {
    kind: "apply",
    topology: design,
    inventory,
    actor: { name: "test", role: "operator" },
  });
  expect(observed.unreachable).toEqual([]);
  expect(observed.drift?.marks["container:bbox-1"]?.state).toBe("missing");
  expect(observed.plan.hosts.map((group) => group.host)).toEqual(["node-1", "node-2"]);
});

it("an apply is a run tied to the version, with its journal and audit rows, streamed live", async () => {
  const started = startApplyRun(store, {
    kind: "apply",
    topology: design,
    version,
    inventory,
    actor: { name: "tester", role: "operator" },
  });
  if (!started.ok) throw new Error(started.error.message);
  const { events, outcome } = await follow(started.value.runId);
  expect(outcome.kind).toBe("apply");
  if (outcome.kind !== "apply") return;
  expect(outcome.result.status).toBe("done");
  expect(outcome.result.converged).toBe(true);
  expect(outcome.result.drift?.inSync).toBe(true);
  expect(events.some((event) => event.type === "apply" && event.event.type === "step-finished")).toBe(true);
  const run = getRun(store, started.value.runId);
  expect(run).toMatchObject({ kind: "apply", status: "done", topologyVersionId: version.id, who: "tester" });
  const journal = listJournal(store, started.value.runId);
  expect(journal.length).toBeGreaterThan(0);
  expect(journal.every((entry) => entry.state === "ok")).toBe(true);
  const audit = listAudit(store, { runId: started.value.runId, limit: 1000 });
  expect(audit.some((row) => row.kind === "command" && row.argv?.[0] === "docker")).toBe(true);
  expect(audit.every((row) => row.who === "tester")).toBe(true);
});

it("a ping run streams its cells and stores them; a stopped container fails with its diagnosis; a re-run probes only those", async () => {
  const first = startPingRun(store, {
    topology: design,
    version,
    inventory,
    actor: { name: "tester", role: "operator" },
    request: { mode: "select", by: "both" },
  });
  if (!first.ok) throw new Error(first.error.message);
  const { events, outcome } = await follow(first.value.runId);
  expect(outcome).toMatchObject({ kind: "ping", result: { summary: { pass: 4, fail: 0 } } });
  expect(events.filter((event) => event.type === "probe" && event.event.type === "cell")).toHaveLength(4);
  const stored = getRun(store, first.value.runId);
  const cells = cellsFromStore(listPingCells(store, first.value.runId), readPingRunSummary(stored?.summary ?? null));
  const byName = cells.find((cell) => cell.from === "bbox-1" && cell.by === "name");
  expect(byName).toMatchObject({ verdict: "pass", expected: "blocked", reasonCode: "dns-macvlan-across-hosts" });
  expect(byName?.error).toContain("bad address");

  await onHost("node-2", ["docker", "stop", "-t", "0", "bbox-2"]);
  const broken = startPingRun(store, {
    topology: design,
    version,
    inventory,
    actor: { name: "tester", role: "operator" },
    request: { mode: "select", by: "ip" },
  });
  if (!broken.ok) throw new Error(broken.error.message);
  await follow(broken.value.runId);
  const brokenCells = listPingCells(store, broken.value.runId);
  const toStopped = brokenCells.find((cell) => cell.from === "bbox-1" && cell.to === "bbox-2");
  expect(toStopped?.verdict).toBe("fail");
  expect(toStopped?.diagnosis).toContain("bbox-2 is not running");

  const groups = failedGroups(
    cellsFromStore(brokenCells, readPingRunSummary(getRun(store, broken.value.runId)?.summary ?? null)),
  );
  const rerun = startPingRun(store, {
    topology: design,
    version,
    inventory,
    actor: { name: "tester", role: "operator" },
    request: { mode: "groups", groups, rerunOf: broken.value.runId },
  });
  if (!rerun.ok) throw new Error(rerun.error.message);
  await follow(rerun.value.runId);
  expect(listPingCells(store, rerun.value.runId)).toHaveLength(
    brokenCells.filter((cell) => cell.verdict === "fail").length,
  );
  expect(readPingRunSummary(getRun(store, rerun.value.runId)?.summary ?? null).rerunOf).toBe(broken.value.runId);

  const drift = await observePlan(store, {
    kind: "apply",
    topology: design,
    inventory,
    actor: { name: "test", role: "operator" },
  });
  expect(drift.drift?.marks["container:bbox-2"]?.state).toBe("changed");
  expect(drift.drift?.marks["container:bbox-2"]?.reasons.map((reason) => reason.en)).toEqual(["stopped"]);
});

it("destroy is a run too and leaves nothing of the design behind", async () => {
  const started = startApplyRun(store, {
    kind: "destroy",
    topology: design,
    version,
    inventory,
    actor: { name: "tester", role: "operator" },
  });
  if (!started.ok) throw new Error(started.error.message);
  const { outcome } = await follow(started.value.runId);
  expect(outcome).toMatchObject({ kind: "destroy", result: { status: "done", converged: true } });
  const left = await onHost("node-1", ["docker", "ps", "-aq", "--filter", "label=crossnet.topology=macvlan"]);
  expect(left.trim()).toBe("");
});
