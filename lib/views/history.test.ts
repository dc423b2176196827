import { expect, it } from "vitest";
import { describeRunOutcome as describeRunOutcomeText, orderForCompare } from "./history";

/** The English of a run's outcome line. */
const describeRunOutcome = (run: Parameters<typeof describeRunOutcomeText>[0]) => describeRunOutcomeText(run).en;

it("ping runs say how many cells passed, and whether it was a re-run", () => {
  expect(describeRunOutcome({ kind: "ping", status: "done", summary: { pass: 3, fail: 1, rerunOf: null } })).toBe(
    "3/4 cells pass, 1 fail",
  );
  expect(describeRunOutcome({ kind: "ping", status: "done", summary: { pass: 1, fail: 0, rerunOf: "r" } })).toBe(
    "1/1 cells pass · re-run of failed cells",
  );
});

it("applies say their step counts, convergence, refusal or error", () => {
  expect(
    describeRunOutcome({
      kind: "apply",
      status: "done",
      summary: { counts: { ok: 6, failed: 0, unknown: 0, skipped: 0 }, converged: true },
    }),
  ).toBe("6 ok; converged");
  expect(
    describeRunOutcome({
      kind: "apply",
      status: "partial",
      summary: { counts: { ok: 2, failed: 1, unknown: 0, skipped: 3 } },
    }),
  ).toBe("2 ok, 1 failed, 3 skipped");
  expect(describeRunOutcome({ kind: "destroy", status: "done", summary: { counts: {} } })).toBe("no changes needed");
  expect(describeRunOutcome({ kind: "apply", status: "failed", summary: { refused: "node-1: locked by x" } })).toBe(
    "refused: node-1: locked by x",
  );
  expect(describeRunOutcome({ kind: "apply", status: "failed", summary: { error: "the apply stopped: boom" } })).toBe(
    "the apply stopped: boom",
  );
  expect(describeRunOutcome({ kind: "apply", status: "running", summary: null })).toBe("running…");
});

it("lab runs show the first line of their message; a malformed summary gives an empty line", () => {
  expect(describeRunOutcome({ kind: "lab", status: "failed", summary: { message: "cannot start\nhint: x" } })).toBe(
    "cannot start",
  );
  expect(describeRunOutcome({ kind: "lab", status: "done", summary: [1] })).toBe("");
});

it("comparisons put the older run first", () => {
  const a = { id: "a", startedAt: "2025-01-02" };
  const b = { id: "b", startedAt: "2025-01-01" };
  expect(orderForCompare(a, b).map((run) => run.id)).toEqual(["b", "a"]);
});
