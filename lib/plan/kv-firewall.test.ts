import { expect, test } from "vitest";
import { checkTopologyText, type Topology } from "../topology/index";
import { kvAllowSpec, kvDropSpec, kvMembers } from "./kv-firewall";
import { planTopology as plan } from "./plan";
import { appliedSnapshot } from "./testing/applied-snapshot";

const design = checkTopologyText(`name: kv
hosts:
  node-1: { nics: { ens32: { address: 192.168.0.101/24 } } }
  node-2: { nics: { ens32: { address: 192.168.0.102/24 } } }
  node-3: { nics: { ens32: { address: 192.168.0.103/24 } } }
networks:
  ov: { driver: overlay, control: { kv: "etcd://node-1:2379" } }
containers:
  b1: { host: node-2, image: busybox, networks: { ov: {} } }
`).topology as Topology;

const ruleSteps = (observed = appliedSnapshot(design)) =>
  plan(design, observed)
    .steps.filter((step) => step.kind === "add-rule" || step.kind === "del-rule")
    .map((step) => `${step.kind} ${step.argv.join(" ")}`);

test("the KV store's host admits the design's other hosts and drops everyone else on the store's port", () => {
  expect(kvMembers(design, "node-1")).toEqual(["192.168.0.102", "192.168.0.103"]);
  const fresh = plan(design)
    .steps.filter((step) => step.host === "node-1")
    .map((step) => step.argv.join(" "));
  const drop = fresh.findIndex((argv) => argv.endsWith("-j DROP"));
  const allows = fresh.flatMap((argv, i) => (argv.endsWith("-j RETURN") && argv.includes("--dport 2379") ? [i] : []));
  expect(drop).toBeGreaterThan(-1);
  expect(allows).toHaveLength(2);
  expect(allows.every((i) => i > drop)).toBe(true);
  expect(fresh.find((argv) => argv.startsWith("docker run -d -p"))).toContain("-p 192.168.0.101:2379:2379");
  expect(ruleSteps()).toEqual([]);
});

test("a missing DROP takes the allows out and puts everything back in order; a missing allow is simply inserted", () => {
  const withoutDrop = appliedSnapshot(design);
  const node1 = withoutDrop["node-1"];
  if (!node1) throw new Error("no node-1");
  const drop = kvDropSpec(2379, "kv");
  node1.rules = node1.rules.filter((rule) => rule.spec.join(" ") !== drop.join(" "));
  const allow102 = kvAllowSpec("192.168.0.102", 2379, "kv").join(" ");
  const allow103 = kvAllowSpec("192.168.0.103", 2379, "kv").join(" ");
  expect(ruleSteps(withoutDrop)).toEqual([
    `del-rule iptables -D DOCKER-USER ${allow102}`,
    `del-rule iptables -D DOCKER-USER ${allow103}`,
    `add-rule iptables -I DOCKER-USER ${drop.join(" ")}`,
    `add-rule iptables -I DOCKER-USER ${allow102}`,
    `add-rule iptables -I DOCKER-USER ${allow103}`,
  ]);
  const withoutAllow = appliedSnapshot(design);
  const host = withoutAllow["node-1"];
  if (!host) throw new Error("no node-1");
  host.rules = host.rules.filter((rule) => rule.spec.join(" ") !== allow103);
  expect(ruleSteps(withoutAllow)).toEqual([`add-rule iptables -I DOCKER-USER ${allow103}`]);
});
