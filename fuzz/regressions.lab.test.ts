import { describe, expect, it } from "vitest";
import { requireRoot } from "../lib/probe/testing/lab-session";
import { kvOf } from "../lib/topology/model";
import type { FuzzEngine } from "../lib/topology/testing/design-arbitrary";
import { runCycle } from "./cycle";
import { fixtureNames, loadFixture } from "./fixtures";

/**
 * Every design fuzz:lab found a bug with (fuzz/fixtures/*.yaml) through the whole cycle on the lab:
 * apply, no-op re-apply, every ping cell as `expect` says, destroy, clean lab down. On Docker 20.10,
 * or the engine in CN_FUZZ_DOCKER (26; fixtures with a KV-store overlay are 20.10 only). Needs Linux and root; waits while another lab is up.
 */
const docker: FuzzEngine = process.env.CN_FUZZ_DOCKER === "26" ? "26" : "20.10";

/** KV-store overlays exist on 20.10 only (Docker 23 removed --cluster-store): such fixtures skip on 26. */
const runsOn = (name: string) =>
  docker === "20.10" || !Object.values(loadFixture(name).networks ?? {}).some((network) => kvOf(network) !== undefined);

describe(`fuzz regressions on Docker ${docker}`, () => {
  it.each(fixtureNames().filter(runsOn))(
    "%s: applies, re-applies to 0 steps, pings as expected, destroys clean",
    async (name) => {
      requireRoot("the fuzz regression lab tests");
      const result = await runCycle(loadFixture(name), { docker, labWaitMs: 30 * 60_000 });
      expect(result.mismatches).toEqual([]);
      expect(result.cells).toBeGreaterThan(0);
    },
    35 * 60_000,
  );
});
