import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { ApplyReport } from "../app/converge";
import { failuresOf, LAB_WAIT, labPerSuite, loadDesign } from "../probe/testing/lab-design";

/**
 * A design nobody checked by hand (issue 10): two swarm overlays across a manager and a worker. It must
 * apply in one go (no retry), re-apply to 0 steps, and its whole matrix must match `expect`, with
 * swarm's addresses read back from the hosts. On both engines the lab runs.
 */
const design = loadDesign(
  readFileSync(new URL("../../fuzz/fixtures/two-overlays-swarm.yaml", import.meta.url), "utf8"),
);

describe.each(["20.10", "26"] as const)("two swarm overlays, manager and worker, on Docker %s", (docker) => {
  const lab = labPerSuite("the swarm address lab test", design, { apply: false, docker });
  const state: { first?: ApplyReport } = {};
  beforeAll(async () => {
    state.first = await lab().apply(design);
  }, LAB_WAIT);

  it("applies in one go", () => {
    expect(state.first?.run?.failures).toEqual([]);
    expect(state.first).toMatchObject({ status: "done", converged: true });
  });

  it("pins no address swarm decides", () => {
    const runs = state.first?.plan.steps.filter(
      (step) => step.kind === "run-container" || step.kind === "connect-network",
    );
    expect(runs?.length).toBe(5);
    for (const step of runs ?? []) expect(step.argv, step.id).not.toContain("--ip");
  });

  it("re-applies to 0 steps", async () => {
    const again = await lab().apply(design);
    expect(again?.plan.steps.map((step) => step.id)).toEqual([]);
  });

  it("matches expect in every cell, on swarm's own addresses", async () => {
    const report = await lab().ping(design);
    expect(failuresOf(report ?? ({ cells: [] } as never))).toEqual([]);
    expect(report?.cells).toHaveLength(27);
    for (const cell of report?.cells ?? []) if (cell.by === "ip") expect(cell.target).toMatch(/^10\.77\.[12]\.\d+$/);
  });
});
