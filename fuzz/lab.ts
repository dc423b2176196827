/**
 * Differential testing on the embedded lab (issue 10): random valid designs, each through the whole
 * cycle (lab up, apply, no-op re-apply, ping by IP and by name against `expect`, destroy, lab down).
 * `npm run fuzz:lab -- --runs N --seed S --docker 20.10|26 [--only I] [--keep-going]`. Linux, root;
 * run it under `flock /tmp/cn-lab.lock`. Prints the seed, one line per design, and the first failing
 * design in full (YAML) with what mismatched; writes a JSON summary (default data/fuzz/latest.json).
 * Exit status 1 when any design mismatched, 2 on bad arguments or when no lab could be had.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { labDown } from "../lib/lab/index";
import { entries } from "../lib/topology/model";
import type { Topology } from "../lib/topology/schema";
import { serializeTopology } from "../lib/topology/serialize";
import { type FuzzLimits, fuzzDesigns } from "../lib/topology/testing/design-arbitrary";
import { type FuzzArgs, parseFuzzArgs } from "./args";
import { type CycleResult, ownsLab, runCycle } from "./cycle";

/** What the lab can run: the engine asked for; OVS over VXLAN only (its kernel has no GRE devices). */
export const LAB_LIMITS = (args: Pick<FuzzArgs, "docker" | "maxContainers">): FuzzLimits => ({
  engine: args.docker,
  maxContainers: args.maxContainers,
  tunnels: ["vxlan"],
});

/** One design's line in the JSON summary. */
export type DesignRecord = {
  index: number;
  hosts: number;
  networks: string[];
  containers: number;
  cells: number;
  ms: number;
  ok: boolean;
  times: CycleResult["times"];
  mismatches: CycleResult["mismatches"];
  notes: string[];
};

/** The kinds of a design's networks, short: bridge, routed, macvlan, macvlan-vlan, swarm, kv, ovs. */
export function networkKinds(design: Topology): string[] {
  return entries(design.networks).map(([, network]) => {
    if (network.driver === "overlay") return typeof network.control === "object" ? "kv" : "swarm";
    if (network.driver === "macvlan")
      return Object.values(network.parent).some((parent) => parent.includes(".")) ? "macvlan-vlan" : "macvlan";
    if (network.driver === "bridge" && network.cross_host === "routed") return "routed";
    return network.driver;
  });
}

function line(record: DesignRecord, runs: number): string {
  const width = String(runs - 1).length;
  return [
    `#${String(record.index).padStart(width)}`,
    `hosts ${record.hosts}`,
    `networks ${record.networks.length} (${record.networks.join(", ")})`,
    `containers ${String(record.containers).padStart(2)}`,
    `cells ${String(record.cells).padStart(3)}`,
    `${(record.ms / 1000).toFixed(1).padStart(5)} s`,
    record.ok ? "pass" : `MISMATCH (${record.mismatches.length})`,
  ].join("  ");
}

function failureReport(args: FuzzArgs, design: Topology, record: DesignRecord): string {
  return [
    "",
    `first failing design: seed ${args.seed}, index ${record.index}, Docker ${args.docker}`,
    `replay: npm run fuzz:lab -- --seed ${args.seed} --only ${record.index} --docker ${args.docker} --max-containers ${args.maxContainers}`,
    "---",
    serializeTopology(design).trimEnd(),
    "---",
    "what mismatched:",
    ...record.mismatches.map((mismatch) => `  [${mismatch.phase}] ${mismatch.what}`),
    "",
  ].join("\n");
}

/** Runs the fuzzer as the arguments say; resolves to the process exit status. */
export async function fuzzLab(argv: string[]): Promise<number> {
  let args: FuzzArgs;
  try {
    args = parseFuzzArgs(argv);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const designs = fuzzDesigns(args.seed, args.runs, LAB_LIMITS(args));
  const indexes = args.only !== undefined ? [args.only] : designs.map((_, i) => i);
  if (args.print) {
    for (const index of indexes)
      console.log(`# seed ${args.seed}, design ${index}\n${serializeTopology(designs[index] as Topology)}---`);
    return 0;
  }
  console.log(
    `fuzz: seed ${args.seed}, ${indexes.length} design(s), Docker ${args.docker} (replay one with --seed ${args.seed} --only I)`,
  );
  const records: DesignRecord[] = [];
  let reported = false;
  const startedAt = new Date().toISOString();
  const write = () => {
    const passed = records.filter((record) => record.ok).length;
    const summary = {
      seed: args.seed,
      docker: args.docker,
      maxContainers: args.maxContainers,
      startedAt,
      runs: records.length,
      passed,
      failed: records.length - passed,
      meanMs: records.length ? Math.round(records.reduce((sum, r) => sum + r.ms, 0) / records.length) : 0,
      designs: records,
    };
    mkdirSync(dirname(resolve(args.out)), { recursive: true });
    writeFileSync(resolve(args.out), `${JSON.stringify(summary, null, 2)}\n`);
    return summary;
  };
  for (const index of indexes) {
    const design = designs[index];
    if (!design) continue;
    let result: CycleResult;
    try {
      result = await runCycle(design, { docker: args.docker });
    } catch (error) {
      console.error(`fuzz: no lab for design #${index}: ${(error as Error).message}`);
      write();
      return 2;
    }
    const record: DesignRecord = {
      index,
      hosts: Object.keys(design.hosts).length,
      networks: networkKinds(design),
      containers: Object.keys(design.containers ?? {}).length,
      cells: result.cells,
      ms: result.totalMs,
      ok: result.ok,
      times: result.times,
      mismatches: result.mismatches,
      notes: result.notes,
    };
    records.push(record);
    write(); // after every design: a run cut short still leaves its summary
    console.log(line(record, args.runs));
    for (const note of record.notes) console.log(`    note: ${note}`);
    if (!record.ok && !reported) {
      reported = true;
      console.log(failureReport(args, design, record));
      if (!args.keepGoing) break;
    } else if (!record.ok) for (const m of record.mismatches) console.log(`    [${m.phase}] ${m.what}`);
  }
  const summary = write();
  console.log(
    `fuzz: seed ${args.seed}: ${summary.passed} of ${summary.runs} passed on Docker ${args.docker}, mean ${(summary.meanMs / 1000).toFixed(1)} s per design; summary in ${args.out}`,
  );
  return summary.failed > 0 ? 1 : 0;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(resolve(entry)).href) {
  // Ctrl-C (or `timeout`) in the middle of a design: take the lab down before leaving (it is ours).
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      if (!ownsLab()) process.exit(130);
      console.error(`fuzz: ${signal}, taking the lab down`);
      labDown()
        .catch(() => undefined)
        .finally(() => process.exit(130));
    });
  process.exitCode = await fuzzLab(process.argv.slice(2));
}
