import { expect, it } from "vitest";
import { probeCell } from "../probe/testing/probe-cell";
import type { ProbeCell } from "../probe/types";
import {
  EMPTY_PROGRESS,
  fixConfirmed,
  judgements,
  type LessonProgress,
  type ProgressAction,
  readyToPing,
  reduceProgress,
} from "./progress";

const shape = [
  { id: "apply", pings: 0 },
  { id: "ping", pings: 2 },
  { id: "fault", pings: 1 },
];
const run = (...actions: ProgressAction[]): LessonProgress =>
  actions.reduce((state, action) => reduceProgress(shape, state, action), EMPTY_PROGRESS);

/** A cell of one ping (one echo request sent). */
const cell = (over: Partial<ProbeCell>): ProbeCell => probeCell({ sent: 1, received: 1, ...over });
const pings = [
  { from: "bbox-1", to: "bbox-2", by: "ip" as const },
  { from: "bbox-1", to: "bbox-2", by: "name" as const },
];

it("moves between steps within the lesson", () => {
  expect(run({ type: "go", index: 2 }).current).toBe(2);
  expect(run({ type: "go", index: 9 }).current).toBe(2);
  expect(run({ type: "go", index: -1 }).current).toBe(0);
});

it("a step may ping once every ping is predicted; its cells then judge the predictions", () => {
  let state = run({ type: "predict", step: "ping", ping: 0, outcome: "reach" });
  expect(readyToPing(state.steps.ping!)).toBe(false);
  state = reduceProgress(shape, state, { type: "predict", step: "ping", ping: 1, outcome: "reach" });
  expect(readyToPing(state.steps.ping!)).toBe(true);
  state = reduceProgress(shape, state, { type: "ping-started", step: "ping", runId: "r1" });
  state = reduceProgress(shape, state, { type: "predict", step: "ping", ping: 1, outcome: "blocked" });
  expect(state.steps.ping?.predictions).toEqual(["reach", "reach"]);
  state = reduceProgress(shape, state, { type: "cell", step: "ping", runId: "r1", cell: cell({}) });
  state = reduceProgress(shape, state, { type: "cell", step: "ping", runId: "old", cell: cell({ by: "name" }) });
  expect(judgements(pings, state.steps.ping!)).toEqual([{ actual: "reach", correct: true }, undefined]);
  state = reduceProgress(shape, state, {
    type: "cell",
    step: "ping",
    runId: "r1",
    cell: cell({ by: "name", target: "bbox-2", actual: "blocked", error: "ping: bad address 'bbox-2'" }),
  });
  state = reduceProgress(shape, state, { type: "cell", step: "ping", runId: "r1", cell: cell({}) });
  expect(state.steps.ping?.cells).toHaveLength(2);
  state = reduceProgress(shape, state, { type: "run-ended", step: "ping", runId: "r1", status: "done", message: null });
  expect(state.steps.ping?.ping).toEqual({ runId: "r1", live: false, status: "done", message: null });
  expect(judgements(pings, state.steps.ping!)).toEqual([
    { actual: "reach", correct: true },
    { actual: "bad-address", correct: false },
  ]);
});

it("replaying a step clears its predictions and results", () => {
  const state = run(
    { type: "predict", step: "ping", ping: 0, outcome: "reach" },
    { type: "apply-started", step: "ping", runId: "a" },
    { type: "replay", step: "ping" },
  );
  expect(state.steps.ping).toMatchObject({ predictions: [null, null], apply: null, cells: [] });
});

it("a fault exercise: broken, answered, looked at, fixed; replay keeps an unfixed fault", () => {
  let state = run(
    { type: "fault-injected", step: "fault" },
    { type: "answer", step: "fault", answer: "link-down", correct: false },
  );
  expect(state.steps.fault?.fault).toMatchObject({ injected: true, found: false, answer: "link-down" });
  state = reduceProgress(shape, state, { type: "replay", step: "fault" });
  expect(state.steps.fault?.fault.injected).toBe(true);
  state = reduceProgress(shape, state, { type: "answer", step: "fault", answer: "container-detached", correct: true });
  state = reduceProgress(shape, state, { type: "answer", step: "fault", answer: "wrong-vlan", correct: false });
  expect(state.steps.fault?.fault.found).toBe(true);
  state = reduceProgress(shape, state, { type: "fault-checked", step: "fault", present: false });
  const ping = [pings[0]!];
  expect(fixConfirmed(ping, ["reach"], state.steps.fault!)).toBe(false);
  state = reduceProgress(shape, state, { type: "ping-started", step: "fault", runId: "p" });
  state = reduceProgress(shape, state, { type: "cell", step: "fault", runId: "p", cell: cell({}) });
  state = reduceProgress(shape, state, { type: "run-ended", step: "fault", runId: "p", status: "done", message: null });
  expect(fixConfirmed(ping, ["reach"], state.steps.fault!)).toBe(true);
  expect(fixConfirmed(ping, ["blocked"], state.steps.fault!)).toBe(false);
  state = reduceProgress(shape, state, { type: "fixed", step: "fault" });
  state = reduceProgress(shape, state, { type: "replay", step: "fault" });
  expect(state.steps.fault?.fault.injected).toBe(false);
});

it("a saved step comes back only when it fits the step", () => {
  const saved = run({ type: "predict", step: "ping", ping: 0, outcome: "blocked" }).steps.ping!;
  expect(run({ type: "restore", step: "ping", progress: saved }).steps.ping).toEqual(saved);
  expect(run({ type: "restore", step: "fault", progress: saved }).steps.fault).toBeUndefined();
});

it("reset starts the lesson over; actions for unknown steps change nothing", () => {
  const state = run({ type: "go", index: 1 }, { type: "apply-started", step: "apply", runId: "a" });
  expect(reduceProgress(shape, state, { type: "apply-started", step: "nope", runId: "b" })).toBe(state);
  expect(reduceProgress(shape, state, { type: "reset" })).toEqual(EMPTY_PROGRESS);
});
