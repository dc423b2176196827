/**
 * Speed of the pure core on a large design: 50 hosts and 1,000 containers over macvlan networks on
 * 802.1q sub-interfaces, swarm overlays and a bridge routed between all hosts. Median of several runs
 * of each stage: check (parse + validate the YAML text), validate alone, IPAM, plan against fresh
 * hosts, plan against the state an apply leaves (must be empty), and rendering. Target: plan < 100 ms.
 * Run alone: `node bin/run-ts.js bench/plan.ts`.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { planTopology } from "../lib/plan/plan";
import { renderHostScript, renderPlanJson, renderPlanText } from "../lib/plan/render";
import { appliedSnapshot } from "../lib/plan/testing/applied-snapshot";
import { checkTopologyText } from "../lib/topology/check";
import { assignAddresses } from "../lib/topology/ipam";
import type { Topology } from "../lib/topology/schema";
import { serializeTopology } from "../lib/topology/serialize";
import { validateTopology } from "../lib/topology/validate";

const RUNS = 9;
const HOSTS = 50;
const CONTAINERS = 1000;

/**
 * The benchmark's design. Every host has ens33 on the hosts' network (192.168.0.0/24, the swarm and
 * routing underlay) and VLAN 10 and 20 sub-interfaces carrying two macvlan networks. Containers go
 * round-robin over hosts and over five networks: mac_v10 and mac_v20 (fixed addresses on even ones,
 * predicted on odd ones), ov_a (swarm, a subnet of its own: predicted), ov_b (swarm, addressed by the
 * swarm at run time) and br_routed (one /24 per host, routed); every tenth container also joins ov_b
 * with `docker network connect`.
 */
export function benchDesign(hosts = HOSTS, containers = CONTAINERS): Topology {
  const hostMap: Topology["hosts"] = {};
  for (let h = 1; h <= hosts; h++)
    hostMap[`node-${h}`] = {
      nics: {
        ens33: {
          address: `192.168.0.${h + 10}/24`,
          promisc: true,
          vlans: { 10: { address: `192.168.10.${h + 10}/24` }, 20: { address: `192.168.20.${h + 10}/24` } },
        },
      },
    };
  const names = Object.keys(hostMap);
  const parent = (vid: number) => Object.fromEntries(names.map((name) => [name, `ens33.${vid}`]));
  const networks: NonNullable<Topology["networks"]> = {
    mac_v10: { driver: "macvlan", subnet: "172.16.0.0/20", gateway: "172.16.0.1", parent: parent(10) },
    mac_v20: { driver: "macvlan", subnet: "172.24.16.0/20", gateway: "172.24.16.1", parent: parent(20) },
    ov_a: { driver: "overlay", control: "swarm", subnet: "10.10.0.0/20" },
    ov_b: { driver: "overlay", control: "swarm" },
    br_routed: {
      driver: "bridge",
      cross_host: "routed",
      subnets: Object.fromEntries(names.map((name, i) => [name, `172.20.${i + 1}.0/24`])),
    },
  };
  const order = Object.keys(networks);
  const containerMap: NonNullable<Topology["containers"]> = {};
  for (let c = 0; c < containers; c++) {
    const network = order[c % order.length] ?? "mac_v10";
    const fixed = network === "mac_v10" ? "172.16.8" : network === "mac_v20" ? "172.24.24" : undefined;
    const attachment = fixed && c % 2 === 0 ? { ip: `${fixed}.${Math.floor(c / 10) + 1}` } : {};
    containerMap[`c-${String(c + 1).padStart(4, "0")}`] = {
      host: names[c % names.length] ?? "node-1",
      image: "busybox",
      networks: { [network]: attachment, ...(c % 10 === 9 && network !== "ov_b" ? { ov_b: {} } : {}) },
    };
  }
  return { name: "bench-plan", hosts: hostMap, networks, containers: containerMap };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function time<T>(runs: number, action: () => T): { ms: number; value: T } {
  let value = action();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    value = action();
    times.push(performance.now() - started);
  }
  return { ms: Math.round(median(times) * 10) / 10, value };
}

/**
 * Milliseconds (median of 9 after one warm-up) per stage, plus the sizes. Keys: `plan.check.ms`,
 * `plan.validate.ms`, `plan.ipam.ms`, `plan.fresh.ms`, `plan.applied.ms`, `plan.render.ms`,
 * `plan.fresh.steps`, `plan.applied.steps` (0, or the bench throws), `plan.design.bytes`.
 */
export async function benchPlan(): Promise<Record<string, number>> {
  const text = serializeTopology(benchDesign());
  const check = time(RUNS, () => checkTopologyText(text));
  const topology = check.value.topology;
  if (!check.value.ok || !topology)
    throw new Error(`the bench design is invalid: ${check.value.issues.map((issue) => issue.message.en).join("; ")}`);
  const validate = time(RUNS, () => validateTopology(topology));
  const ipam = time(RUNS, () => assignAddresses(topology));
  const fresh = time(RUNS, () => planTopology(topology, {}, {}, ipam.value));
  const applied = appliedSnapshot(topology, { ipam: ipam.value });
  const again = time(RUNS, () => planTopology(topology, applied, {}, ipam.value));
  if (again.value.steps.length > 0 || again.value.conflicts.length > 0)
    throw new Error(`planning against the applied state gave ${again.value.steps.length} steps`);
  const render = time(RUNS, () => {
    renderPlanText(fresh.value, { explain: true });
    renderPlanJson(fresh.value);
    for (const host of Object.keys(topology.hosts)) renderHostScript(fresh.value, host, topology.name);
  });
  return {
    "plan.check.ms": check.ms,
    "plan.validate.ms": validate.ms,
    "plan.ipam.ms": ipam.ms,
    "plan.fresh.ms": fresh.ms,
    "plan.applied.ms": again.ms,
    "plan.render.ms": render.ms,
    "plan.fresh.steps": fresh.value.steps.length,
    "plan.applied.steps": again.value.steps.length,
    "plan.design.bytes": new TextEncoder().encode(text).length,
  };
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(resolve(entry)).href) {
  const results = await benchPlan();
  for (const [key, value] of Object.entries(results)) console.log(`${key.padEnd(22)} ${String(value).padStart(9)}`);
}
