import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { createUser } from "../auth/users";
import { readLesson } from "../lessons/files";
import { lessonView } from "../lessons/view";
import { probeCell } from "../probe/testing/probe-cell";
import { runHub } from "../runs/hub";
import { openTestStore } from "../store/testing";
import {
  changeLessonState,
  followLessonRun,
  LESSON_CELL_OUTPUT_MAX,
  lessonStateHub,
  readLessonState,
} from "./lesson-state";

const FAST = { scrypt: { log2N: 10, r: 8, p: 1 } };
const loaded = readLesson(process.cwd(), "macvlan");
if (!loaded.ok) throw new Error("the macvlan lesson does not load");
const steps = lessonView(loaded.lesson, loaded.topology, loaded.topologyText, "en").steps;
const faultStep = steps.find((step) => step.fault);
if (!faultStep) throw new Error("the macvlan lesson has no break-and-fix step");

async function setup() {
  const store = openTestStore();
  const user = await createUser(store, { name: "teacher", role: "operator", password: "a long enough password" }, FAST);
  if (!user.ok) throw new Error(user.error.message);
  return { store, key: { userId: user.value.id, lessonId: "macvlan" } };
}

const cell = probeCell;

it("keeps a user's lesson state across reads (a reload), with a revision that grows by one per change", async () => {
  const { store, key } = await setup();
  expect(readLessonState(store, key, steps)).toMatchObject({ revision: 0, progress: { current: 0, steps: {} } });
  changeLessonState(store, key, steps, [{ type: "go", index: 4 }]);
  changeLessonState(store, key, steps, [{ type: "fault-injected", step: faultStep.id }]);
  const again = readLessonState(store, key, steps);
  expect(again.revision).toBe(2);
  expect(again.progress.current).toBe(4);
  expect(again.progress.steps[faultStep.id]?.fault).toMatchObject({ injected: true, onHosts: "present" });
  // Another user sees their own state, not this one.
  const other = await createUser(store, { name: "student", role: "viewer", password: "a long enough password" }, FAST);
  if (!other.ok) throw new Error(other.error.message);
  expect(readLessonState(store, { ...key, userId: other.value.id }, steps).revision).toBe(0);
});

it("tells the views that follow a lesson state of each change, and writes nothing for a change that changes nothing", async () => {
  const { store, key } = await setup();
  const seen: number[] = [];
  const unsubscribe = lessonStateHub().subscribe(key, (snapshot) => seen.push(snapshot.revision));
  changeLessonState(store, key, steps, [{ type: "go", index: 1 }]);
  changeLessonState(store, key, steps, [{ type: "go", index: 1 }]);
  changeLessonState(store, key, steps, [{ type: "go", index: 2 }]);
  unsubscribe();
  changeLessonState(store, key, steps, [{ type: "go", index: 3 }]);
  expect(seen).toEqual([1, 2]);
});

it("follows a ping run on the server: its cells and its end land in the state, and a confirmed fix is marked", async () => {
  const { store, key } = await setup();
  changeLessonState(store, key, steps, [
    { type: "fault-injected", step: faultStep.id },
    { type: "answer", step: faultStep.id, answer: faultStep.fault?.kind ?? "link-down", correct: true },
    { type: "fault-checked", step: faultStep.id, present: false },
  ]);
  const runId = randomUUID();
  const channel = runHub().open(runId, "ping");
  changeLessonState(store, key, steps, [{ type: "ping-started", step: faultStep.id, runId }]);
  followLessonRun(store, {
    ...key,
    steps,
    runId,
    purpose: { step: faultStep.id },
  });
  channel.emit({ type: "probe", event: { type: "cell", cell: cell({}) } });
  expect(readLessonState(store, key, steps).progress.steps[faultStep.id]?.cells).toHaveLength(1);
  channel.end({
    kind: "ping",
    result: { summary: { pass: 1, fail: 0, durationMs: 800 }, cancelled: false, unreachable: [], error: null },
  });
  const state = readLessonState(store, key, steps).progress.steps[faultStep.id];
  expect(state?.ping).toMatchObject({ runId, live: false, status: "done" });
  expect(state?.ping?.message).toMatch(/1/);
  expect(state?.ping?.messages?.["zh-CN"]).toMatch(/1 个符合预期/);
  expect(state?.ping?.messages?.["zh-CN"]).not.toBe(state?.ping?.message);
  expect(state?.fault.fixed).toBe(true);
});

it("a run the server no longer holds is shown ended, not running forever", async () => {
  const { store, key } = await setup();
  const runId = randomUUID();
  changeLessonState(store, key, steps, [{ type: "ping-started", step: faultStep.id, runId }]);
  const state = readLessonState(store, key, steps).progress.steps[faultStep.id];
  expect(state?.ping).toMatchObject({ runId, live: false, status: "unknown" });
});

it("a reset run that ends done starts the lesson over", async () => {
  const { store, key } = await setup();
  changeLessonState(store, key, steps, [
    { type: "go", index: 3 },
    { type: "fault-injected", step: faultStep.id },
  ]);
  const runId = randomUUID();
  const channel = runHub().open(runId, "destroy");
  followLessonRun(store, { ...key, steps, runId, purpose: "reset" });
  channel.end({ kind: "error", message: "boom" });
  expect(readLessonState(store, key, steps).progress.current).toBe(3);
  const second = randomUUID();
  const done = runHub().open(second, "destroy");
  followLessonRun(store, { ...key, steps, runId: second, purpose: "reset" });
  done.end({
    kind: "destroy",
    result: {
      kind: "destroy",
      status: "done",
      converged: true,
      refused: null,
      unreachable: [],
      conflicts: [],
      failures: [],
      counts: { ok: 3, failed: 0, unknown: 0, skipped: 0 },
      durationMs: 10,
      remaining: null,
      drift: null,
    },
  });
  expect(readLessonState(store, key, steps).progress).toEqual({ current: 0, steps: {} });
});

it("keeps a bounded part of a cell's raw output in the lesson state", async () => {
  const { store, key } = await setup();
  const runId = randomUUID();
  const channel = runHub().open(runId, "ping");
  changeLessonState(store, key, steps, [{ type: "ping-started", step: faultStep.id, runId }]);
  followLessonRun(store, { ...key, steps, runId, purpose: { step: faultStep.id } });
  channel.emit({ type: "probe", event: { type: "cell", cell: cell({ rawOutput: "x".repeat(20_000) }) } });
  const kept = readLessonState(store, key, steps).progress.steps[faultStep.id]?.cells[0]?.rawOutput ?? "";
  expect(kept.length).toBe(LESSON_CELL_OUTPUT_MAX + 1);
  channel.end({ kind: "error", message: "stopped" });
});
