import { expect, it } from "vitest";
import { RUN_EVENTS_MAX, RunHub } from "./hub";
import type { RunStreamEvent } from "./stream";

const note = (text: string): RunStreamEvent => ({ type: "note", text });

it("a subscriber gets the events so far, then new ones, then the end", () => {
  const hub = new RunHub();
  const channel = hub.open("r1", "ping");
  channel.emit(note("a"));
  const seen: [number, RunStreamEvent][] = [];
  const subscription = hub.subscribe("r1", 0, (seq, event) => seen.push([seq, event]));
  expect(subscription?.replay).toEqual([{ seq: 1, event: note("a") }]);
  channel.emit(note("b"));
  channel.end({ kind: "error", message: "x" });
  channel.emit(note("after the end"));
  expect(seen).toEqual([
    [2, note("b")],
    [3, { type: "end", outcome: { kind: "error", message: "x" } }],
  ]);
  expect(hub.running()).toEqual([]);
});

it("a reconnecting subscriber resumes after the last event it saw", () => {
  const hub = new RunHub();
  const channel = hub.open("r2", "apply");
  for (const text of ["a", "b", "c"]) channel.emit(note(text));
  expect(hub.subscribe("r2", 2, () => {})?.replay.map((item) => item.seq)).toEqual([3]);
  expect(hub.subscribe("nope", 0, () => {})).toBeNull();
});

it("cancel aborts the run's signal once; output beyond the cap is dropped and counted", () => {
  const hub = new RunHub();
  const channel = hub.open("r3", "apply");
  expect(hub.running("apply")).toEqual(["r3"]);
  expect(hub.cancel("r3")).toBe(true);
  expect(channel.signal.aborted).toBe(true);
  for (let i = 0; i < RUN_EVENTS_MAX + 5; i++)
    channel.emit({ type: "apply", event: { type: "output", host: "h", stepId: "s", stream: "stdout", text: "x" } });
  channel.end({ kind: "error", message: "stop" });
  const replay = hub.subscribe("r3", 0, () => {})?.replay ?? [];
  expect(replay.at(-2)?.event).toEqual(note("5 output chunks were not kept (too many)"));
  expect(hub.cancel("r3")).toBe(false);
});
