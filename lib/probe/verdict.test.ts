import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ExpectCell } from "../expect/types";
import { parsePing } from "./parse-ping";
import { actualOf, cellOf } from "./verdict";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.out`, import.meta.url), "utf8");
const ran = (name: string, exitCode: number) =>
  ({ kind: "ran", exitCode, outcome: parsePing(fixture(name)), raw: fixture(name) }) as const;

const expectation: ExpectCell = {
  from: "bbox-1",
  to: "bbox-2",
  by: "name",
  target: "bbox-2",
  network: "mac_net1",
  expected: "blocked",
  reasonCode: "dns-macvlan-across-hosts",
  reason: "no DNS across hosts on macvlan",
};

describe("actualOf", () => {
  it("reach when any reply came back, blocked when none did or the name did not resolve", () => {
    expect(actualOf(ran("busybox-reach", 0))).toEqual({ actual: "reach", error: null });
    expect(actualOf(ran("iputils-partial", 0))).toEqual({ actual: "reach", error: null });
    expect(actualOf(ran("busybox-lost", 1))).toEqual({ actual: "blocked", error: null });
    expect(actualOf(ran("busybox-bad-address", 1))).toEqual({
      actual: "blocked",
      error: "ping: bad address 'bbox-2'",
    });
    expect(actualOf(ran("iputils-unreachable-net", 2))).toEqual({
      actual: "blocked",
      error: "ping: connect: Network is unreachable",
    });
  });

  it("a ping stopped by the time bound is blocked, with why", () => {
    expect(actualOf({ kind: "ran", exitCode: 124, outcome: parsePing(""), raw: "" })).toEqual({
      actual: "blocked",
      error: "ping did not finish in time and was stopped (a name lookup that hangs?)",
    });
  });

  it("error when the probe could not run", () => {
    expect(actualOf({ kind: "error", error: "container bbox-1 is not running", raw: "" })).toEqual({
      actual: "error",
      error: "container bbox-1 is not running",
    });
    expect(
      actualOf({ kind: "ran", exitCode: 127, outcome: parsePing("sh: ping: not found"), raw: "sh: ping: not found" }),
    ).toEqual({ actual: "error", error: "the source container has no ping command" });
  });
});

describe("cellOf", () => {
  it("passes what was expected and fails the rest, errors included", () => {
    const command = "docker exec bbox-1 timeout 2 ping -4 -c 3 -i 0.2 -W 1 -w 1 -- bbox-2";
    const blocked = cellOf(expectation, "node-1", ran("busybox-bad-address", 1), 1, command);
    expect(blocked).toEqual({
      from: "bbox-1",
      to: "bbox-2",
      by: "name",
      target: "bbox-2",
      network: "mac_net1",
      host: "node-1",
      expected: "blocked",
      reasonCode: "dns-macvlan-across-hosts",
      reason: "no DNS across hosts on macvlan",
      actual: "blocked",
      sent: 0,
      received: 0,
      lossPct: 100,
      rttMs: null,
      verdict: "pass",
      diagnosis: null,
      error: "ping: bad address 'bbox-2'",
      rawOutput: "ping: bad address 'bbox-2'\n",
      command,
      attempts: 1,
    });
    expect(cellOf(expectation, "node-1", ran("busybox-reach", 0), 2, command)).toMatchObject({
      actual: "reach",
      verdict: "fail",
      rttMs: { min: 0.05, avg: 0.058, max: 0.067 },
      attempts: 2,
    });
    expect(cellOf(expectation, "node-1", { kind: "error", error: "x", raw: "" }, 1, command)).toMatchObject({
      actual: "error",
      verdict: "fail",
    });
  });
});
