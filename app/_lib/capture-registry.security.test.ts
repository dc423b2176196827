import { randomUUID } from "node:crypto";
import { afterEach, expect, it } from "vitest";
import { RUNNING_CAPTURES_MAX, registerCapture, stopRegisteredCapture, unregisterCapture } from "./capture-registry";

/** A capture runs commands on hosts: only the operator who started one stops it, and only so many run at once. */

const started: string[] = [];
afterEach(() => {
  for (const id of started.splice(0)) unregisterCapture(id);
});

function start(user: string): { id: string; abort: AbortController; ok: boolean } {
  const id = randomUUID();
  const abort = new AbortController();
  const ok = registerCapture(id, user, abort);
  if (ok) started.push(id);
  return { id, abort, ok };
}

it("stops a capture only for the user who started it", () => {
  const mine = start("alice");
  expect(stopRegisteredCapture(mine.id, "mallory")).toBe(false);
  expect(mine.abort.signal.aborted).toBe(false);
  expect(stopRegisteredCapture(mine.id, "alice")).toBe(true);
  expect(mine.abort.signal.aborted).toBe(true);
});

it("refuses a taken id, and more than RUNNING_CAPTURES_MAX captures at once", () => {
  const first = start("alice");
  expect(registerCapture(first.id, "bob", new AbortController())).toBe(false);
  const more = Array.from({ length: RUNNING_CAPTURES_MAX - 1 }, () => start("alice"));
  expect(more.every((capture) => capture.ok)).toBe(true);
  expect(start("alice").ok).toBe(false);
  unregisterCapture(first.id);
  expect(start("alice").ok).toBe(true);
});

it("forgets an ended capture: stopping it later does nothing", () => {
  const done = start("alice");
  unregisterCapture(done.id);
  expect(stopRegisteredCapture(done.id, "alice")).toBe(false);
  expect(done.abort.signal.aborted).toBe(false);
});
