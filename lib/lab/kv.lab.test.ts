import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTopologyText } from "../topology/parse";
import { dockerRequest } from "./host/docker-api";
import { findLabLeftovers, hostExec, type LabUpResult, labDown, labSpecFromTopology, labStatus, labUp } from "./index";
import { hostPaths } from "./paths";
import { timeIt } from "./testing/lab-test-helpers";

/** The tutorial's overlay through a KV store, asking for Consul (the lab serves etcd and says so). */
const design = `
name: kv-test
hosts:
  kv-1: { nics: { ens32: { address: 192.168.0.101/24 } } }
  kv-2: { nics: { ens32: { address: 192.168.0.102/24 } } }
networks:
  ov_net1: { driver: overlay, control: { kv: "consul://kv-1:8500" } }
`;

const dir = mkdtempSync(join(tmpdir(), "cn-kv-test-"));
let lab: LabUpResult | undefined;

const docker = async (host: string, args: string[]) => {
  const result = await hostExec(host, ["docker", ...args], { timeoutMs: 60_000 });
  if (result.code !== 0) throw new Error(`${host}: docker ${args.join(" ")}: ${result.stderr}`);
  return result.stdout.trim();
};

beforeAll(async () => {
  const topology = parseTopologyText(design).topology;
  if (!topology) throw new Error("test design does not parse");
  lab = await labUp(labSpecFromTopology(topology), { inventoryPath: join(dir, "inventory.yaml") });
});

afterAll(async () => {
  if (lab) await labDown();
  rmSync(dir, { recursive: true, force: true });
});

describe("lab with a KV store (etcd standing in for Consul)", () => {
  it("runs etcd with the v2 API on kv-1 and says that it stands in for Consul", async () => {
    expect(lab?.notices.join("\n")).toMatch(/asks for Consul.*etcd 3\.4/);
    expect(lab?.inventory.lab?.emulated.join("\n")).toContain("stands in for Consul");
    const health = await hostExec("kv-2", ["etcdctl", "--endpoints=http://192.168.0.101:2379", "endpoint", "health"]);
    expect(health.stdout + health.stderr).toContain("is healthy");
    const status = await labStatus();
    expect(status.hosts.find((host) => host.name === "kv-1")?.daemons.map((daemon) => daemon.name)).toContain("etcd");
  });

  it("points every dockerd at the store, so an overlay made on one host spans both", async () => {
    for (const host of ["kv-1", "kv-2"]) {
      // The docker CLI first in PATH may be newer than 20.10 and no longer knows these fields: ask the API.
      const info = JSON.parse((await dockerRequest(hostPaths(host).dockerSocket, "GET", "/info")).body) as {
        ClusterStore?: string;
        ClusterAdvertise?: string;
      };
      expect([info.ClusterStore, info.ClusterAdvertise]).toEqual([
        "etcd://192.168.0.101:2379",
        `${host === "kv-1" ? "192.168.0.101" : "192.168.0.102"}:2376`,
      ]);
    }
    await docker("kv-1", ["network", "create", "-d", "overlay", "--subnet", "10.0.0.0/24", "ov_net1"]);
    await docker("kv-1", [
      "run",
      "-d",
      "--name",
      "bbox-1",
      "--network",
      "ov_net1",
      "--ip",
      "10.0.0.11",
      "busybox",
      "sleep",
      "600",
    ]);
    await docker("kv-2", [
      "run",
      "-d",
      "--name",
      "bbox-2",
      "--network",
      "ov_net1",
      "--ip",
      "10.0.0.12",
      "busybox",
      "sleep",
      "600",
    ]);
    const byIp = await hostExec("kv-2", ["docker", "exec", "bbox-2", "ping", "-c", "2", "-W", "2", "10.0.0.11"]);
    expect(byIp.stdout).toMatch(/2 packets received/);
    const byName = await hostExec("kv-2", ["docker", "exec", "bbox-2", "ping", "-c", "1", "-W", "2", "bbox-1"]);
    expect(byName.stdout).toMatch(/1 packets received/);
  });

  it("fails lookups of unknown names at once on the overlay", async () => {
    const baseline = await timeIt(() => hostExec("kv-2", ["docker", "exec", "bbox-2", "true"]));
    for (const name of ["no-such-host", "no.such.example"]) {
      const lookup = await timeIt(() => hostExec("kv-2", ["docker", "exec", "bbox-2", "ping", "-c", "1", name]));
      expect(lookup.value.stderr).toContain("bad address");
      console.log(`DNS failure overlay ${name}: ${lookup.ms} ms (docker exec alone ${baseline.ms} ms)`);
      expect(lookup.ms).toBeLessThan(baseline.ms + 500);
    }
  });

  it("goes down leaving nothing behind", async () => {
    const down = await labDown();
    lab = undefined;
    expect(down.warnings).toEqual([]);
    expect(await findLabLeftovers(["kv-1", "kv-2"])).toEqual([]);
  });
});
