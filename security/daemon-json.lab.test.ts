import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { applyTopology, destroyTopology } from "../lib/app/converge";
import { MemoryAudit } from "../lib/exec/audit";
import { loadExample } from "../lib/exec/testing/lab";
import { dockerRequest } from "../lib/lab/host/docker-api";
import { hostExec, type LabUpResult, labDown, labSpecFromTopology, labUp } from "../lib/lab/index";
import { hostPaths } from "../lib/lab/paths";

/**
 * Finding 9 (daemon.json half): an apply used to `tee` the whole /etc/docker/daemon.json, dropping
 * TLS, userns-remap or plugins a host had. The lab's dockerds here start without a cluster store, so
 * the apply of the KV overlay writes it (then `systemctl restart docker`, the lab host's stand-in).
 * node-2 has a daemon.json of its own: after apply it still has its keys (and dockerd runs with
 * them); destroy puts the file back byte for byte. node-3 had none: destroy removes the written one.
 */

const topology = loadExample("overlay-kv.yaml");
// Deliberately not in JSON.stringify's layout, no final newline: a rewrite would show.
const ORIGINAL = '{"log-level": "warn",\n  "labels": ["rack=a"]}';
const dir = mkdtempSync(join(tmpdir(), "cn-daemon-json-"));
let lab: LabUpResult | undefined;

const daemonJson = (host: string) => hostPaths(host).dockerConfig;
const backup = (host: string) => `${hostPaths(host).etcDocker}/daemon.json.crossnet-orig`;
const options = () => {
  if (!lab) throw new Error("no lab");
  const inventoryPath = join(dir, "inventory.yaml");
  return {
    inventory: lab.inventory,
    inventoryDir: dirname(inventoryPath),
    who: "test",
    dataDir: dir,
    audit: new MemoryAudit(),
  };
};
const info = async (host: string) =>
  JSON.parse((await dockerRequest(hostPaths(host).dockerSocket, "GET", "/info")).body) as {
    ClusterStore?: string;
    Labels?: string[];
  };

beforeAll(async () => {
  const spec = labSpecFromTopology(topology);
  // The KV store (etcd) runs, but no dockerd knows it yet: Crossnet's apply has to write daemon.json.
  spec.hosts = spec.hosts.map((host) => ({ ...host, dockerd: {} }));
  lab = await labUp(spec, { inventoryPath: join(dir, "inventory.yaml") });
}, 120_000);

afterAll(async () => {
  if (lab) await labDown();
  rmSync(dir, { recursive: true, force: true });
});

it("apply merges the cluster store into a host's daemon.json and destroy restores the file byte for byte", async () => {
  writeFileSync(daemonJson("node-2"), ORIGINAL);
  unlinkSync(daemonJson("node-3"));
  expect((await info("node-2")).ClusterStore ?? "").toBe("");

  const applied = await applyTopology(topology, options());
  expect(applied.run?.failures ?? [], "apply").toEqual([]);
  expect(applied.plan.steps.map((step) => `${step.host} ${step.kind}`)).toEqual(
    expect.arrayContaining(["node-2 backup-daemon-json", "node-2 set-cluster-store", "node-2 restart-docker"]),
  );
  expect(applied.status).toBe("done");
  expect(applied.converged).toBe(true);

  const merged = JSON.parse(readFileSync(daemonJson("node-2"), "utf8"));
  expect(merged).toEqual({
    "log-level": "warn",
    labels: ["rack=a"],
    "cluster-store": "etcd://192.168.0.101:2379",
    "cluster-advertise": "ens32:2376",
  });
  expect(readFileSync(backup("node-2"), "utf8")).toBe(ORIGINAL);
  // dockerd restarted with both its own settings and the cluster store.
  expect(await info("node-2")).toMatchObject({ ClusterStore: "etcd://192.168.0.101:2379", Labels: ["rack=a"] });
  const ping = await hostExec("node-3", ["docker", "exec", "bbox-2", "ping", "-c", "1", "-W", "3", "bbox-1"], {
    timeoutMs: 30_000,
  });
  expect(ping.stdout, ping.stderr).toMatch(/1 packets received/);

  const destroyed = await destroyTopology(topology, options());
  expect(destroyed.run?.failures ?? [], "destroy").toEqual([]);
  expect(destroyed.status).toBe("done");
  expect(readFileSync(daemonJson("node-2"), "utf8")).toBe(ORIGINAL);
  expect(existsSync(backup("node-2"))).toBe(false);
  expect(existsSync(daemonJson("node-3"))).toBe(false);
  expect((await info("node-2")).ClusterStore ?? "").toBe("");
  expect((await info("node-2")).Labels).toEqual(["rack=a"]);

  const twice = await destroyTopology(topology, options());
  expect(twice.plan.steps, "second destroy").toEqual([]);
}, 300_000);
