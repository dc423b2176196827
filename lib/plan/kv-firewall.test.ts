import { expect, test } from "vitest";
import { checkTopologyText, type Topology } from "../topology/index";
import { kvAllowSpec, kvDropSpec, kvMembers } from "./kv-firewall";
import { planTopology as plan, planDestroy } from "./plan";
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

const ruleSteps = (observed = appliedSnapshot(design), options = {}) =>
  plan(design, observed, options)
    .steps.filter((step) => step.kind === "add-rule" || step.kind === "del-rule")
    .map((step) => `${step.kind} ${step.argv.join(" ")}`);

test("the KV store is published on its host's data address only, and its port admits the design's hosts alone", () => {
  expect(kvMembers(design, "node-1", "192.168.0.101")).toEqual(["192.168.0.101", "192.168.0.102", "192.168.0.103"]);
  const fresh = plan(design)
    .steps.filter((step) => step.host === "node-1")
    .map((step) => step.argv.join(" "));
  const run = fresh.find((argv) => argv.startsWith("docker run -d"));
  expect(run).toContain("-p 192.168.0.101:2379:2379 ");
  expect(run).not.toMatch(/-p 2379:2379/);
  const drop = fresh.indexOf(`iptables -t mangle -I PREROUTING ${kvDropSpec(2379, "kv").join(" ")}`);
  const allows = fresh.flatMap((argv, i) => (argv.endsWith("-j ACCEPT") && argv.includes("--dport 2379") ? [i] : []));
  expect(drop).toBeGreaterThan(fresh.indexOf(run ?? ""));
  // Each allow is inserted on top after the DROP, so ends up above it.
  expect(allows).toHaveLength(3);
  expect(allows.every((i) => i > drop)).toBe(true);
  expect(ruleSteps()).toEqual([]);
});

test("on the lab (the store is provided) the same rules guard the lab's etcd, on the port it serves", () => {
  const options = { kvProvided: true, kvUrl: "etcd://192.168.0.101:2379" };
  const steps = plan(design, {}, options).steps.filter((step) => step.host === "node-1");
  expect(steps.map((step) => step.kind)).toEqual(["add-address", "add-rule", "add-rule", "add-rule", "add-rule"]);
  expect(ruleSteps(appliedSnapshot(design, options), options)).toEqual([]);
});

test("a missing DROP takes the allows out and puts everything back in order; a missing allow is simply inserted", () => {
  const withoutDrop = appliedSnapshot(design);
  const node1 = withoutDrop["node-1"];
  if (!node1) throw new Error("no node-1");
  const drop = kvDropSpec(2379, "kv");
  node1.rules = node1.rules.filter((rule) => rule.spec.join(" ") !== drop.join(" "));
  const allow = (address: string) => kvAllowSpec(address, 2379, "kv").join(" ");
  const steps = ruleSteps(withoutDrop);
  expect(steps.filter((step) => step.startsWith("del-rule")).sort()).toEqual(
    ["101", "102", "103"].map((n) => `del-rule iptables -t mangle -D PREROUTING ${allow(`192.168.0.${n}`)}`),
  );
  expect(steps.filter((step) => step.startsWith("add-rule"))).toEqual([
    `add-rule iptables -t mangle -I PREROUTING ${drop.join(" ")}`,
    ...["101", "102", "103"].map((n) => `add-rule iptables -t mangle -I PREROUTING ${allow(`192.168.0.${n}`)}`),
  ]);
  const withoutAllow = appliedSnapshot(design);
  const host = withoutAllow["node-1"];
  if (!host) throw new Error("no node-1");
  host.rules = host.rules.filter((rule) => rule.spec.join(" ") !== allow("192.168.0.103"));
  expect(ruleSteps(withoutAllow)).toEqual([`add-rule iptables -t mangle -I PREROUTING ${allow("192.168.0.103")}`]);
});

test("an allow for an address that left the design is removed; destroy removes every rule of the store", () => {
  const observed = appliedSnapshot(design);
  const node1 = observed["node-1"];
  if (!node1) throw new Error("no node-1");
  node1.rules.unshift({ table: "mangle", chain: "PREROUTING", spec: kvAllowSpec("192.168.0.104", 2379, "kv") });
  expect(ruleSteps(observed)).toEqual([
    `del-rule iptables -t mangle -D PREROUTING ${kvAllowSpec("192.168.0.104", 2379, "kv").join(" ")}`,
  ]);
  const destroyed = planDestroy(design, appliedSnapshot(design))
    .steps.filter((step) => step.host === "node-1" && step.kind === "del-rule")
    .map((step) => step.argv.slice(0, 5).join(" "));
  expect(destroyed).toEqual(Array(4).fill("iptables -t mangle -D PREROUTING"));
});
