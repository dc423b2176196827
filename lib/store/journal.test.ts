import { expect, expectTypeOf, test } from "vitest";
import type { Journal } from "../exec/journal";
import { appendJournal, createJournalSink, finishJournal, listJournal } from "./journal";
import { startRun } from "./runs";
import { openTestStore } from "./testing";
import { OUTPUT_MAX_CHARS } from "./truncate";

const STEP = {
  id: "s1",
  host: "node-1",
  kind: "create-network",
  resourceId: "network:n@node-1",
  argv: ["docker", "network", "create", "n"],
};

function withRun() {
  const store = openTestStore();
  const run = startRun(store, { kind: "apply", who: "alice" });
  if (!run.ok) throw new Error("start failed");
  return { store, runId: run.value.id };
}

test("a step is journaled as started before it runs and completed after", () => {
  const { store, runId } = withRun();
  const before = appendJournal(store, runId, STEP);
  expect(before).toMatchObject({
    ok: true,
    value: { state: "started", exitCode: null, finishedAt: null, argv: STEP.argv },
  });
  store.clock.advance(50);
  const after = finishJournal(store, runId, "s1", { state: "ok", exitCode: 0, stdout: "abc123\n" });
  expect(after).toMatchObject({ ok: true, value: { state: "ok", exitCode: 0, stdout: "abc123\n", stderr: "" } });
  expect(listJournal(store, runId)).toEqual([
    {
      id: expect.any(Number),
      runId,
      stepId: "s1",
      host: "node-1",
      kind: "create-network",
      resourceId: "network:n@node-1",
      argv: STEP.argv,
      state: "ok",
      exitCode: 0,
      stdout: "abc123\n",
      stderr: "",
      startedAt: "2025-01-01T00:00:00.000Z",
      finishedAt: "2025-01-01T00:00:00.050Z",
    },
  ]);
});

test("starting the same step again resets its row instead of duplicating it", () => {
  const { store, runId } = withRun();
  appendJournal(store, runId, STEP);
  finishJournal(store, runId, "s1", { state: "unknown", exitCode: null });
  appendJournal(store, runId, STEP);
  expect(listJournal(store, runId).map((e) => e.state)).toEqual(["started"]);
});

test("unknown runs and steps are typed errors", () => {
  const { store, runId } = withRun();
  expect(appendJournal(store, "nope", STEP)).toMatchObject({ ok: false, error: { code: "unknown-run" } });
  expect(finishJournal(store, runId, "nope", { state: "ok", exitCode: 0 })).toMatchObject({
    ok: false,
    error: { code: "not-found" },
  });
});

test("argv and output are redacted, then bounded", () => {
  const { store, runId } = withRun();
  appendJournal(store, runId, {
    ...STEP,
    argv: ["docker", "swarm", "join", "--token", "SWMTKN-1-aaa-bbb", "10.0.0.1:2377"],
  });
  const huge = `${"x".repeat(OUTPUT_MAX_CHARS)}SWMTKN-1-secret-tail`;
  finishJournal(store, runId, "s1", { state: "failed", exitCode: 1, stdout: huge, stderr: "password=hunter2hunter2" });
  const [entry] = listJournal(store, runId);
  expect(entry?.argv).toEqual(["docker", "swarm", "join", "--token", "[REDACTED]", "10.0.0.1:2377"]);
  expect(entry?.stdout.length).toBeLessThanOrEqual(OUTPUT_MAX_CHARS);
  expect(entry?.stdout).toContain("characters truncated");
  expect(entry?.stdout.endsWith("SWMTKN-[REDACTED]")).toBe(true);
  expect(entry?.stderr).toBe("password=[REDACTED]");
});

test("the journal sink writes before and after, and redacts known values", () => {
  const { store, runId } = withRun();
  const sink = createJournalSink(store, runId, { known: ["s3cret-pass"] });
  sink.before(STEP);
  expect(listJournal(store, runId)[0]?.state).toBe("started");
  sink.after(STEP, { state: "ok", exitCode: 0, stdout: "echo s3cret-pass" });
  expect(listJournal(store, runId)[0]).toMatchObject({ state: "ok", stdout: "echo [REDACTED]" });
  expect(() => sink.after({ ...STEP, id: "other" }, { state: "ok", exitCode: 0 })).toThrow(/no journal row/);
});

test("the journal sink fits lib/exec's Journal interface", () => {
  const { store, runId } = withRun();
  expectTypeOf(createJournalSink(store, runId)).toMatchTypeOf<Journal>();
});
