import { expect, test } from "vitest";
import { finishRun, getRun, listRuns, startRun } from "./runs";
import { openTestStore } from "./testing";
import { createTopology, saveTopologyVersion } from "./topologies";

function started(store: ReturnType<typeof openTestStore>, input: Parameters<typeof startRun>[1]) {
  const result = startRun(store, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

test("startRun records a running run with parsed settings", () => {
  const store = openTestStore();
  const run = started(store, { kind: "apply", who: "alice", settings: { parallel: true, hosts: ["node-1"] } });
  expect(run).toEqual({
    id: expect.any(String),
    kind: "apply",
    topologyVersionId: null,
    inventoryId: null,
    settings: { parallel: true, hosts: ["node-1"] },
    status: "running",
    startedAt: "2025-01-01T00:00:00.000Z",
    finishedAt: null,
    durationMs: null,
    summary: null,
    who: "alice",
  });
  expect(getRun(store, run.id)).toEqual(run);
  expect(getRun(store, "nope")).toBeNull();
});

test("startRun refuses references to rows that do not exist", () => {
  const store = openTestStore();
  expect(startRun(store, { kind: "apply", who: "a", topologyVersionId: "nope" })).toMatchObject({
    ok: false,
    error: { code: "unknown-reference" },
  });
});

test("finishRun sets status, summary and duration once", () => {
  const store = openTestStore();
  const run = started(store, { kind: "ping", who: "alice" });
  store.clock.advance(1234);
  const finished = finishRun(store, run.id, { status: "partial", summary: { ok: 3, failed: 1 } });
  expect(finished).toMatchObject({
    ok: true,
    value: {
      status: "partial",
      durationMs: 1234,
      finishedAt: "2025-01-01T00:00:01.234Z",
      summary: { ok: 3, failed: 1 },
    },
  });
  expect(getRun(store, run.id)).toMatchObject({ status: "partial", durationMs: 1234 });
  expect(finishRun(store, run.id, { status: "done" })).toMatchObject({
    ok: false,
    error: { code: "already-finished", status: "partial" },
  });
  expect(finishRun(store, "nope", { status: "done" })).toMatchObject({ ok: false, error: { code: "not-found" } });
});

test("listRuns is newest first, filters by kind and topology, and caps the page", () => {
  const store = openTestStore();
  const topology = createTopology(store, { name: "t", initial: { document: "a", author: "x" } });
  if (!topology.ok) throw new Error("create failed");
  const other = createTopology(store, { name: "u" });
  if (!other.ok) throw new Error("create failed");
  const v = saveTopologyVersion(store, { topologyId: other.value.id, document: "b", author: "x" });
  if (!v.ok) throw new Error("save failed");
  const a = started(store, { kind: "apply", who: "x" });
  store.clock.advance(1);
  const b = started(store, { kind: "ping", who: "x", topologyVersionId: v.value.version.id });
  const c = started(store, { kind: "apply", who: "x" });
  expect(listRuns(store).map((r) => r.id)).toEqual([c.id, b.id, a.id]);
  expect(listRuns(store, { kind: "apply" }).map((r) => r.id)).toEqual([c.id, a.id]);
  expect(listRuns(store, { topologyId: other.value.id }).map((r) => r.id)).toEqual([b.id]);
  expect(listRuns(store, { limit: 1 }).map((r) => r.id)).toEqual([c.id]);
  expect(listRuns(store, { limit: 0 })).toHaveLength(1);
});

test("settings and summaries are redacted before they are stored", () => {
  const store = openTestStore();
  const run = started(store, {
    kind: "apply",
    who: "a",
    settings: { password: "hunter2hunter2", note: "join with SWMTKN-1-abc123-def456" },
  });
  const raw = store.sqlite.prepare("SELECT settings_json FROM runs WHERE id = ?").get(run.id);
  expect(JSON.stringify(raw)).not.toMatch(/hunter2|abc123/);
  expect(run.settings).toEqual({ password: "[REDACTED]", note: "join with SWMTKN-[REDACTED]" });
});
