import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectMatrix } from "../expect/expect";
import type { ObservedContainer } from "../plan/observed";
import { quoteArgv } from "../plan/quote";
import { checkTopologyText } from "../topology/check";
import type { Topology } from "../topology/schema";
import { chunkBatches, commandChunks, describeFailure } from "./host-run";
import { addressesOf, planJobs } from "./jobs";
import { hostProbeArgv } from "./probe-script";
import { resolveProbeSettings } from "./settings";

function example(name: string): Topology {
  const checked = checkTopologyText(readFileSync(new URL(`../../examples/${name}.yaml`, import.meta.url), "utf8"));
  if (!checked.topology) throw new Error(name);
  return checked.topology;
}

const container = (name: string, networks: Record<string, string>, running = true): ObservedContainer => ({
  id: "a".repeat(64),
  name,
  image: "busybox",
  running,
  labels: {},
  networks: Object.fromEntries(Object.entries(networks).map(([network, ip]) => [network, { ip, aliases: [] }])),
});

describe("addressesOf", () => {
  it("keeps design networks only: never docker_gwbridge's 172.18.x", () => {
    const topology = example("overlay-isolation");
    const seen = new Map([
      ["bbox-1", container("bbox-1", { ov_net1: "10.0.0.2", docker_gwbridge: "172.18.0.3" })],
      ["bbox-2", container("bbox-2", { ov_net1: "10.0.0.4", docker_gwbridge: "172.18.0.3" })],
      ["bbox-3", container("bbox-3", { ov_net2: "10.0.1.2", ov_net1: "10.0.0.6", docker_gwbridge: "172.18.0.2" })],
    ]);
    expect(addressesOf(topology, seen)).toEqual({
      "bbox-1": { ov_net1: "10.0.0.2" },
      "bbox-2": { ov_net1: "10.0.0.4" },
      "bbox-3": { ov_net2: "10.0.1.2", ov_net1: "10.0.0.6" },
    });
    const targets = expectMatrix(topology, { by: "ip", addresses: addressesOf(topology, seen) }).pairs.map(
      (pair) => pair.target,
    );
    expect(targets.some((target) => target.startsWith("172.18."))).toBe(false);
    expect(targets).toContain("10.0.0.6");
  });
});

describe("planJobs", () => {
  it("groups the matrix by source with distinct targets, and sets apart targets without an address", () => {
    const topology = example("overlay-swarm");
    const seen = new Map([
      ["bbox-1", container("bbox-1", { ov_net1: "10.0.0.2" })],
      ["bbox-2", container("bbox-2", {}, false)],
    ]);
    const matrix = expectMatrix(topology, { addresses: addressesOf(topology, seen) }).pairs;
    const { jobs, unprobeable } = planJobs(topology, matrix, seen);
    expect(jobs.map((job) => [job.host, job.container, job.targets])).toEqual([
      ["node-2", "bbox-1", ["bbox-2"]],
      ["node-3", "bbox-2", ["10.0.0.2", "bbox-1"]],
    ]);
    expect(unprobeable.map(({ cell, error }) => [cell.from, cell.target, error])).toEqual([
      ["bbox-1", "bbox-2@ov_net1", "no address of bbox-2 on ov_net1 to ping: container bbox-2 is not running"],
    ]);
  });
});

describe("host-run helpers", () => {
  it("tells Docker's errors apart from the transport's", () => {
    const ok = { code: 0, stdout: "", stderr: "", durationMs: 1 };
    expect(
      describeFailure(
        ok,
        { exitCode: 1, stderr: "Error response from daemon: Container 5f3a is not running" },
        "bbox-1",
      ),
    ).toMatchObject({
      error: "container bbox-1 is not running (Error response from daemon: Container 5f3a is not running)",
    });
    expect(describeFailure(ok, { exitCode: 1, stderr: "Error: No such container: bbox-9" }, "bbox-9")).toMatchObject({
      error: "container bbox-9 does not exist (Error: No such container: bbox-9)",
    });
    expect(describeFailure(new Error("node-1: SSH connection lost: closed"), undefined, "bbox-1")).toMatchObject({
      error: "node-1: SSH connection lost: closed",
    });
    expect(describeFailure({ ...ok, code: 2 }, undefined, "bbox-1").error).toBe(
      "the probe on the host ended (exit 2) without a result for this target",
    );
  });

  it("splits a host's sources so that no command carries too many targets", () => {
    const batch = (n: number) => ({ targets: Array.from({ length: n }, (_, i) => String(i)) });
    expect(
      chunkBatches([batch(3), batch(3), batch(5), batch(1)], 6).map((chunk) => chunk.map((b) => b.targets.length)),
    ).toEqual([
      [3, 3],
      [5, 1],
    ]);
    expect(chunkBatches([batch(9)], 6).map((chunk) => chunk.length)).toEqual([1]);
  });

  it("probes a host's 8 sources among 256 containers in one command, and keeps every command under sshd's 128 KiB", () => {
    const source = (name: string, targets: string[], offset = 0) => ({
      container: name,
      mode: "fast" as const,
      pid: 4_194_304,
      id: "f".repeat(64),
      offset,
      targets,
    });
    const ips = Array.from({ length: 255 }, (_, i) => `10.50.${1 + (i % 32)}.${11 + (i % 8)}`);
    const host = Array.from({ length: 8 }, (_, i) => source(`c1-${i + 1}`, ips, i * 255));
    expect(commandChunks(host)).toHaveLength(1);
    const names = Array.from({ length: 255 }, (_, i) => `container-with-a-rather-long-name-${"x".repeat(60)}-${i}`);
    const heavy = Array.from({ length: 32 }, (_, i) => source(`c${i}`, names, i * 255));
    const chunks = commandChunks(heavy);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks)
      expect(quoteArgv(hostProbeArgv(resolveProbeSettings(), 16, chunk)).length).toBeLessThan(128 * 1024);
  });
});
