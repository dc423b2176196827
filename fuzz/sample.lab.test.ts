import { describe, expect, it } from "vitest";
import { requireRoot } from "../lib/probe/testing/lab-session";
import { serializeTopology } from "../lib/topology/serialize";
import { type FuzzEngine, fuzzDesigns } from "../lib/topology/testing/design-arbitrary";
import { runCycle } from "./cycle";

/**
 * The CI-sized sample of fuzz:lab: a fixed seed, a few small random designs, each through the whole
 * cycle on the lab (npm run fuzz:lab -- --seed 20260 --runs 3 --max-containers 4 replays it).
 */
const SAMPLE = { seed: 20260, runs: 3, maxContainers: 4 } as const;
/** Docker 20.10, or the engine in CN_FUZZ_DOCKER (26). */
const docker: FuzzEngine = process.env.CN_FUZZ_DOCKER === "26" ? "26" : "20.10";

describe(`fuzz sample (seed ${SAMPLE.seed}, ${SAMPLE.runs} designs, Docker ${docker})`, () => {
  const designs = fuzzDesigns(SAMPLE.seed, SAMPLE.runs, {
    engine: docker,
    maxContainers: SAMPLE.maxContainers,
    tunnels: ["vxlan"],
  });
  it.each(designs.map((design, index) => [index, design] as const))(
    "design %i",
    async (_index, design) => {
      requireRoot("the fuzz sample");
      const result = await runCycle(design, { docker, labWaitMs: 30 * 60_000 });
      expect(result.mismatches, serializeTopology(design)).toEqual([]);
    },
    35 * 60_000,
  );
});
