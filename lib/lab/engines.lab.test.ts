import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryAudit } from "../exec/audit";
import { HostPool } from "../exec/hosts";
import { observeHosts } from "../observe/observe";
import type { ProbeReport } from "../probe/run-probe";
import {
  cellOfReport,
  failuresOf,
  type LabDesignSession,
  labForDesign,
  loadExample,
} from "../probe/testing/lab-design";
import { requireRoot } from "../probe/testing/lab-session";
import { hostExec } from "./host/host-exec";

/**
 * One lab, two engines: the swarm manager on the system's Docker 20.10, the worker on Debian 13's
 * Docker 26 (a fleet half way through an upgrade). The swarm overlay example must apply, re-apply as a
 * no-op, and ping exactly as `expect` says, by IP and by name.
 */
describe("a lab mixing Docker 20.10 and 26 runs the swarm overlay example", () => {
  const topology = loadExample("overlay-swarm");
  let session: LabDesignSession | undefined;
  let report: ProbeReport | undefined;

  beforeAll(async () => {
    requireRoot("the mixed-engine lab test");
    session = await labForDesign(topology, { docker: { "node-2": "20.10", "node-3": "26" } });
    report = await session.ping(topology);
  }, 30 * 60_000);

  afterAll(async () => {
    await session?.close();
  }, 120_000);

  it("runs each host on the engine the spec names, and docker on each host speaks that engine's API version", async () => {
    const version = async (host: string) => {
      const result = await hostExec(host, [
        "docker",
        "version",
        "--format",
        "{{.Server.Version}} {{.Server.APIVersion}}",
      ]);
      return result.stdout.trim();
    };
    expect(await version("node-2")).toMatch(/^20\.10\.\d+\S* 1\.41$/);
    expect(await version("node-3")).toMatch(/^26\.1\.\d+\S* 1\.45$/);
  });

  it("observe records each host's engine and API version, over the same SSH path as real hosts", async () => {
    if (!session) throw new Error("the lab did not come up");
    const pool = new HostPool(session.inventory, { audit: new MemoryAudit(), who: "test", baseDir: session.dir });
    try {
      const observed = await observeHosts(["node-2", "node-3"], pool);
      expect(observed["node-2"]?.docker.engine).toEqual({
        version: expect.stringMatching(/^20\.10\./),
        apiVersion: "1.41",
      });
      expect(observed["node-3"]?.docker.engine).toEqual({
        version: expect.stringMatching(/^26\.1\./),
        apiVersion: "1.45",
      });
      expect((await pool.get("node-3")).docker.engine.apiVersion).toBe("1.45");
      expect((await pool.get("node-2")).docker.engine.apiVersion).toBe("1.41");
    } finally {
      await pool.close();
    }
  });

  it("re-applies to 0 steps, and every cell of the ping matrix matches expect", async () => {
    if (!session || !report) throw new Error("the lab did not come up");
    const again = await session.apply(topology);
    expect(again.plan.steps, "second apply").toEqual([]);
    expect(again.plan.conflicts).toEqual([]);
    expect(again.status).toBe("done");
    expect(failuresOf(report)).toEqual([]);
    expect(report.cells).toHaveLength(4);
    expect(cellOfReport(report, "bbox-1", "bbox-2", "name")).toMatchObject({ actual: "reach", verdict: "pass" });
    expect(cellOfReport(report, "bbox-2", "bbox-1", "ip")).toMatchObject({ actual: "reach", verdict: "pass" });
  });
});
