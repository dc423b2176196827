import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { applyTopology, destroyTopology } from "../lib/app/converge";
import { bringUpLab, convergeOptions, loadExample, type TestLab } from "../lib/exec/testing/lab";
import { hostExec } from "../lib/lab/index";
import { daemonPidFile } from "../lib/lab/paths";
import { checkTopologyText, type Topology } from "../lib/topology/index";

/**
 * Finding 9 (KV store half): etcd has no authentication, so it listens on its host's data address
 * (not 0.0.0.0) and a firewall admits only the design's hosts. The lab has a fourth host, node-4, on
 * the same data segment and the same management network but not in the design: before the apply it
 * reaches etcd (so the probe works and a reach would show), after it reaches neither the data nor the
 * management address, while the design's hosts still do and the overlay through etcd still works.
 *
 * Why a first attempt (DOCKER-USER rules) let node-4 through: the lab serves etcd itself, so the plan
 * (PlanOptions.kvProvided) planned no rule at all there; and etcd runs as a host process, whose
 * traffic goes through INPUT, never FORWARD/DOCKER-USER. The rules now sit in mangle PREROUTING,
 * which both a host process and a published container see, and are planned whoever runs the store.
 */

const design = loadExample("overlay-kv.yaml");
let lab: TestLab;
let kvMgmt = "";

/** Whether a TCP connection from `host` to `address`:2379 opens within 3 s (from the host's own netns). */
async function reachesEtcd(host: string, address: string): Promise<boolean> {
  const result = await hostExec(host, ["timeout", "3", "bash", "-c", `exec 3<>/dev/tcp/${address}/2379`], {
    timeoutMs: 10_000,
  });
  return result.code === 0;
}

beforeAll(async () => {
  const withOutsider = checkTopologyText(
    `${JSON.stringify({ ...design, hosts: { ...design.hosts, "node-4": { nics: { ens32: { address: "192.168.0.104/24" } } } } })}`,
  ).topology as Topology;
  expect(Object.keys(withOutsider.hosts)).toEqual(["node-1", "node-2", "node-3", "node-4"]);
  lab = await bringUpLab(withOutsider);
  kvMgmt = lab.hosts.find((host) => host.name === "node-1")?.mgmtAddress ?? "";
}, 120_000);

afterAll(async () => {
  await lab?.down();
});

it("etcd answers the design's hosts and not a lab host outside the design; destroy removes the rules", async () => {
  const etcdPid = readFileSync(daemonPidFile("node-1", "etcd"), "utf8").trim();
  const etcdArgv = readFileSync(`/proc/${etcdPid}/cmdline`, "utf8").split("\0");
  expect(etcdArgv.find((arg) => arg.startsWith("--listen-client-urls="))).toBe(
    `--listen-client-urls=http://192.168.0.101:2379,http://${kvMgmt}:2379`,
  );
  expect(await reachesEtcd("node-4", "192.168.0.101"), "node-4 before apply").toBe(true);

  const applied = await applyTopology(design, convergeOptions(lab));
  expect(applied.run?.failures ?? [], "apply").toEqual([]);
  expect(applied.status).toBe("done");
  expect(applied.converged).toBe(true);
  expect(await reachesEtcd("node-2", "192.168.0.101")).toBe(true);
  expect(await reachesEtcd("node-3", "192.168.0.101")).toBe(true);
  expect(await reachesEtcd("node-4", "192.168.0.101"), "node-4 on the data address").toBe(false);
  expect(await reachesEtcd("node-4", kvMgmt), "node-4 on the management address").toBe(false);

  const ping = await hostExec("node-3", ["docker", "exec", "bbox-2", "ping", "-c", "1", "-W", "3", "bbox-1"], {
    timeoutMs: 30_000,
  });
  expect(ping.stdout, ping.stderr).toMatch(/1 packets received/);
  const again = await applyTopology(design, convergeOptions(lab, { dryRun: true }));
  expect(again.plan.steps, "re-apply").toEqual([]);

  const destroyed = await destroyTopology(design, convergeOptions(lab));
  expect(destroyed.run?.failures ?? [], "destroy").toEqual([]);
  const rules = await hostExec("node-1", ["iptables", "-w", "5", "-t", "mangle", "-S", "PREROUTING"]);
  expect(rules.stdout).not.toContain("crossnet.topology=overlay-kv");
  expect(await reachesEtcd("node-4", "192.168.0.101"), "node-4 after destroy").toBe(true);
}, 300_000);
