/**
 * Runs every benchmark module there is (plan, lab, apply, probe, scale, datapath, editor, matrix, capture, trace,
 * capture-ui, security), prints one
 * table and writes data/bench/latest.json. Those that need root and the embedded lab are skipped, with
 * the reason, when not running as root. A benchmark that fails is reported and the others still run.
 * A bench states its targets as `….target.X…` keys with a `….pass.X` key (1 met, 0 missed); every
 * missed target is listed at the end and in latest.json (`missed`), and makes the exit status 1.
 * `npm run bench` (all) or `node bin/run-ts.js bench/run.ts plan editor` (some).
 * `CROSSNET_BENCH_SIZE=smoke` runs the scale bench at a small size (for CI; see bench/scale.ts); there a
 * missed speed target is printed as advisory and does not fail the run (a crash or a correctness miss does).
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { missedTargets } from "./targets";

type Bench = { name: string; exported: string; needsLab: boolean };

const BENCHES: Bench[] = [
  { name: "plan", exported: "benchPlan", needsLab: false },
  { name: "lab", exported: "benchLab", needsLab: true },
  { name: "apply", exported: "benchApply", needsLab: true },
  { name: "probe", exported: "benchProbe", needsLab: true },
  { name: "scale", exported: "benchScale", needsLab: true },
  { name: "datapath", exported: "benchDatapath", needsLab: false },
  { name: "throughput", exported: "benchThroughput", needsLab: true },
  { name: "editor", exported: "benchEditor", needsLab: false },
  { name: "capture", exported: "benchCapture", needsLab: false },
  { name: "trace", exported: "benchTrace", needsLab: true },
  { name: "capture-ui", exported: "benchCaptureUi", needsLab: true },
  { name: "matrix", exported: "benchMatrix", needsLab: false },
  { name: "security", exported: "benchSecurity", needsLab: false },
];

type Outcome =
  | { name: string; status: "ok"; results: Record<string, number>; ms: number }
  | { name: string; status: "skipped" | "failed"; reason: string };

const here = import.meta.dirname;
const root = resolve(here, "..");

async function runOne(bench: Bench, isRoot: boolean): Promise<Outcome> {
  const file = join(here, `${bench.name}.ts`);
  if (!existsSync(file))
    return { name: bench.name, status: "skipped", reason: `bench/${bench.name}.ts does not exist` };
  if (bench.needsLab && !isRoot)
    return {
      name: bench.name,
      status: "skipped",
      reason: "needs root to build the embedded lab (network namespaces, dockerd); run as root",
    };
  const started = performance.now();
  try {
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const run = module[bench.exported];
    if (typeof run !== "function") return { name: bench.name, status: "failed", reason: `no ${bench.exported} export` };
    const results = (await (run as () => Promise<Record<string, number>>)()) ?? {};
    return { name: bench.name, status: "ok", results, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { name: bench.name, status: "failed", reason: error instanceof Error ? error.message : String(error) };
  }
}

function table(outcomes: Outcome[]): string {
  const rows: [string, string, string][] = [["bench", "measure", "value"]];
  for (const outcome of outcomes) {
    if (outcome.status !== "ok") {
      rows.push([outcome.name, outcome.status, outcome.reason.split("\n")[0] ?? ""]);
      continue;
    }
    for (const [key, value] of Object.entries(outcome.results)) rows.push([outcome.name, key, String(value)]);
    rows.push([outcome.name, "(whole bench, ms)", String(outcome.ms)]);
  }
  const width = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  const line = (row: [string, string, string]) =>
    `${row[0].padEnd(width[0] ?? 0)}  ${row[1].padEnd(width[1] ?? 0)}  ${row[2]}`.trimEnd();
  return [line(rows[0] as [string, string, string]), ...rows.slice(1).map(line)].join("\n");
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !BENCHES.some((bench) => bench.name === name));
if (unknown.length > 0) {
  console.error(`unknown bench ${unknown.join(", ")}; benches: ${BENCHES.map((bench) => bench.name).join(", ")}`);
  process.exit(2);
}
const isRoot = process.getuid?.() === 0;
const outcomes: Outcome[] = [];
for (const bench of BENCHES.filter((candidate) => wanted.length === 0 || wanted.includes(candidate.name))) {
  const outcome = await runOne(bench, isRoot);
  if (outcome.status === "ok") console.log(`${bench.name}: done in ${outcome.ms} ms`);
  else console.log(`${bench.name}: ${outcome.status}: ${outcome.reason}`);
  outcomes.push(outcome);
}

console.log(`\n${table(outcomes)}`);
const allMissed = outcomes.flatMap((outcome) => (outcome.status === "ok" ? missedTargets(outcome.results) : []));
// At smoke size (CI) a speed target is only advisory: the targets are set for the full sizes, and a shared CI
// machine's timing is not a measurement of them. Correctness targets (false failures, cell counts) still fail.
const smoke = process.env.CROSSNET_BENCH_SIZE === "smoke";
const advisory = allMissed.filter((miss) => smoke && miss.speed).map((miss) => miss.line);
const missed = allMissed.filter((miss) => !(smoke && miss.speed)).map((miss) => miss.line);
for (const line of missed) console.log(`MISSED TARGET ${line}`);
for (const line of advisory) console.log(`missed speed target at smoke size (advisory): ${line}`);
const out = join(root, "data", "bench");
mkdirSync(out, { recursive: true });
const report = {
  date: new Date().toISOString(),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpus: cpus().length,
  root: isRoot,
  results: Object.fromEntries(outcomes.flatMap((o) => (o.status === "ok" ? [[o.name, o.results]] : []))),
  skipped: Object.fromEntries(outcomes.flatMap((o) => (o.status === "skipped" ? [[o.name, o.reason]] : []))),
  missed,
  advisory,
  failed: Object.fromEntries(outcomes.flatMap((o) => (o.status === "failed" ? [[o.name, o.reason]] : []))),
};
writeFileSync(join(out, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nwrote ${join("data", "bench", "latest.json")}`);
if (outcomes.some((outcome) => outcome.status === "failed") || missed.length > 0) process.exitCode = 1;
