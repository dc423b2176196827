import { describe, expect, it } from "vitest";
import { missedTargets } from "./targets";

describe("bench targets", () => {
  it("passes a met time target and reports a missed one with its measure", () => {
    const results = { "b.store.ms": 1618, "b.target.store.ms": 1000, "b.pass.store": 0 };
    expect(missedTargets({ ...results, "b.store.ms": 600, "b.pass.store": 1 })).toEqual([]);
    expect(missedTargets(results)).toEqual([
      {
        bench: "b",
        measure: "store",
        actual: 1618,
        target: 1000,
        speed: true,
        line: "b store: 1618 ms, target < 1000",
      },
    ]);
  });

  it("reads dotted bench and measure names (scale scenarios, percentiles)", () => {
    const missed = missedTargets({
      "scale.macvlan-16x8.apply.ms": 23300,
      "scale.macvlan-16x8.target.apply.ms": 20000,
      "scale.macvlan-16x8.pass.apply": 0,
      "security.setupDone.p95.ms": 12,
      "security.target.setupDone.p95.ms": 10,
      "security.pass.setupDone.p95": 0,
    });
    expect(missed.map((m) => m.line)).toEqual([
      "scale.macvlan-16x8 apply: 23300 ms, target < 20000",
      "security setupDone.p95: 12 ms, target < 10",
    ]);
  });

  it("treats a count target as correctness, never as speed", () => {
    const [missed] = missedTargets({ "t.measured": 6, "t.target.measured": 8, "t.pass.measured": 0 });
    expect(missed?.speed).toBe(false);
    expect(missed?.line).toBe("t measured: 6, target = 8");
  });

  it("reports keys that drifted apart: a verdict whose measure is not reported, a target without a verdict", () => {
    const missed = missedTargets({
      "c.decode10k.ms": 3000,
      "c.target.decode10kMs": 10000,
      "c.pass.decode10kMs": 1,
      "d.target.read.ms": 500,
      "d.read.ms": 300,
    });
    expect(missed.map((m) => m.line)).toEqual([
      "c decode10kMs: not reported, target = 10000",
      "d read: a target without a pass key",
    ]);
  });
});
