import { describe, expect, it } from "vitest";
import { requireRoot } from "../lib/probe/testing/lab-session";
import { serializeTopology } from "../lib/topology/serialize";
import { fuzzDesigns } from "../lib/topology/testing/design-arbitrary";
import { runCycle } from "./cycle";

/**
 * The CI-sized sample of fuzz:lab: a fixed seed, a few small random designs, each through the whole
 * cycle on the lab (npm run fuzz:lab -- --seed 20260 --runs 3 --max-containers 4 replays it).
 */
const SAMPLE = { seed: 20260, runs: 3, maxContainers: 4 } as const;

describe(`fuzz sample (seed ${SAMPLE.seed}, ${SAMPLE.runs} designs, Docker 20.10)`, () => {
  const designs = fuzzDesigns(SAMPLE.seed, SAMPLE.runs, { engine: "20.10", maxContainers: SAMPLE.maxContainers });
  it.each(designs.map((design, index) => [index, design] as const))(
    "design %i",
    async (_index, design) => {
      requireRoot("the fuzz sample");
      const result = await runCycle(design, { docker: "20.10", labWaitMs: 30 * 60_000 });
      expect(result.mismatches, serializeTopology(design)).toEqual([]);
    },
    35 * 60_000,
  );
});
