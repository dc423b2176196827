/**
 * The ping matrix, by IP, for 8, 16 and 32 busybox containers spread over 4 lab hosts on one
 * macvlan network: Crossnet (`runProbe`, default settings: 3 packets 0.2 s apart, 1 s per pair;
 * and with 1 packet, as pingall sends), the naive way (one `docker exec SRC ping -c 1 -W 1 IP` per
 * pair, one after the other, typed on each source's host), and Mininet 2.3 `pingall` on the same N
 * (its ping phase only, in a private network namespace, see bench/mininet-pingall.py).
 * Crossnet runs 10 times at N=32: how many of those runs had a cell fail (the design expects every
 * pair to reach, so any failure is a false one).
 * Run alone: `node bin/run-ts.js bench/probe.ts` (Linux, root; waits for any other lab to go down; about 3 minutes).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { applyTopology } from "../lib/app/converge";
import { MemoryAudit } from "../lib/exec/audit";
import { HostPool } from "../lib/exec/hosts";
import type { Inventory } from "../lib/inventory/schema";
import { hostExec, labDown, labSpecForHosts } from "../lib/lab/index";
import { runProbe } from "../lib/probe/run-probe";
import { acquireLab } from "../lib/probe/testing/lab-session";
import { TopologySchema } from "../lib/topology/schema";
import { benchTopology } from "./probe-design";

const SIZES = [8, 16, 32] as const;
const REPEAT = 3;
const FALSE_FAILURE_RUNS = 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Share of CPU time idle on this machine over `ms` (other work skews every number here). */
async function idlePct(ms = 1000): Promise<number> {
  const read = () => (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").split(/\s+/).slice(1).map(Number);
  const before = read();
  await new Promise((wake) => setTimeout(wake, ms));
  const after = read();
  const delta = after.map((value, i) => value - (before[i] ?? 0));
  const total = delta.reduce((sum, value) => sum + value, 0);
  return Math.round((100 * (delta[3] ?? 0)) / Math.max(1, total));
}

/** One `docker exec` per pair, sequentially, each on the source's host: what a person would script. */
async function naive(topology: ReturnType<typeof benchTopology>, names: string[]): Promise<number> {
  const started = performance.now();
  for (const from of names)
    for (const to of names) {
      if (from === to) continue;
      const host = topology.containers?.[from]?.host ?? "";
      const ip = topology.containers?.[to]?.networks.bench_net?.ip ?? "";
      await hostExec(host, ["docker", "exec", from, "ping", "-c", "1", "-W", "1", ip], { timeoutMs: 30_000 });
    }
  return Math.round(performance.now() - started);
}

/** Mininet `pingall` on `hosts` hosts in a throwaway network namespace; its ping phase in ms. */
function mininet(hosts: number): Promise<{ ms: number; loss: number }> {
  const script = fileURLToPath(new URL("./mininet-pingall.py", import.meta.url));
  return new Promise((done, fail) => {
    const child = spawn("unshare", ["--net", "--mount", "--fork", "--", "/usr/bin/python3", script, String(hosts)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    const timer = setTimeout(() => child.kill("SIGTERM"), 120_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      const line = out.trim().split("\n").at(-1) ?? "";
      try {
        const parsed = JSON.parse(line) as { ms: number; loss: number };
        done(parsed);
      } catch {
        fail(new Error(`mininet exited ${code}: ${err.trim().slice(-500)}`));
      }
    });
  });
}

/**
 * Runs the whole comparison on a fresh 4-host lab and takes it down. Keys (ms unless said):
 * `probe.N{n}.crossnet.ms` (median of 3, default settings), `probe.N{n}.crossnet-1pkt.ms`,
 * `probe.N{n}.naive.ms`, `probe.N{n}.mininet.ms` (median of 3), `probe.N{n}.mininet.lossPct`,
 * `probe.N32.runs`, `probe.N32.runsWithFalseFailure`, `probe.N32.falseFailedCells`,
 * `probe.N32.retriedCells`, `probe.N32.crossnet.maxMs`, `machine.idlePct` (before the run).
 * Waits (up to 20 min) while another lab is up rather than touching it.
 */
export async function benchProbe(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), "cn-bench-probe-"));
  const results: Record<string, number> = { "machine.idlePct": await idlePct() };
  const topology = TopologySchema.parse(benchTopology(32));
  const names = Object.keys(topology.containers ?? {});
  const audit = new MemoryAudit();
  let up = false;
  let pool: HostPool | undefined;
  try {
    const lab = await acquireLab(labSpecForHosts(4, "bench-probe"), join(dir, "inventory.yaml"), {
      onWait: (message) => process.stderr.write(`bench probe: waiting for the lab (${message})\n`),
    });
    up = true;
    const inventory: Inventory = lab.inventory;
    const apply = () => applyTopology(topology, { inventory, inventoryDir: dir, who: "bench", audit, dataDir: dir });
    let applied = await apply();
    // Re-applying is a no-op once done; on the busy shared lab a re-observation can lose a channel.
    for (let again = 0; again < 3 && !(applied.status === "done" && applied.converged); again++)
      applied = await apply();
    if (applied.status !== "done")
      throw new Error(
        `apply failed (${applied.status}): ${JSON.stringify({ failures: applied.run?.failures, unreachable: applied.unreachable, conflicts: applied.plan.conflicts.map((c) => c.message.en) })}`,
      );
    pool = new HostPool(inventory, { audit, who: "bench", baseDir: dir });
    await Promise.all(Object.keys(inventory.hosts).map((host) => pool?.get(host)));
    const probe = (selection: string[], count = 3) =>
      runProbe(topology, {
        inventory,
        inventoryDir: dir,
        who: "bench",
        audit,
        by: "ip",
        from: selection,
        to: selection,
        settings: { count },
        ...(pool ? { pool } : {}),
      });
    await probe(names.slice(0, 4)); // warm-up: ARP caches and the hosts' page caches

    for (const n of SIZES) {
      const selection = names.slice(0, n);
      const runs = n === 32 ? FALSE_FAILURE_RUNS : REPEAT;
      const times: number[] = [];
      let failedRuns = 0;
      let failedCells = 0;
      let retried = 0;
      for (let i = 0; i < runs; i++) {
        const report = await probe(selection);
        if (report.cells.length !== n * (n - 1)) throw new Error(`N=${n}: ${report.cells.length} cells`);
        times.push(report.summary.durationMs);
        failedCells += report.summary.fail;
        if (report.summary.fail > 0) failedRuns += 1;
        retried += report.cells.filter((cell) => cell.attempts > 1).length;
      }
      results[`probe.N${n}.crossnet.ms`] = median(times);
      if (n === 32) {
        results["probe.N32.runs"] = runs;
        results["probe.N32.runsWithFalseFailure"] = failedRuns;
        results["probe.N32.falseFailedCells"] = failedCells;
        results["probe.N32.retriedCells"] = retried;
        results["probe.N32.crossnet.maxMs"] = Math.max(...times);
      }
      const single: number[] = [];
      for (let i = 0; i < REPEAT; i++) single.push((await probe(selection, 1)).summary.durationMs);
      results[`probe.N${n}.crossnet-1pkt.ms`] = median(single);
      results[`probe.N${n}.naive.ms`] = await naive(topology, selection);
      const pingall: { ms: number; loss: number }[] = [];
      for (let i = 0; i < REPEAT; i++) pingall.push(await mininet(n));
      results[`probe.N${n}.mininet.ms`] = median(pingall.map((run) => run.ms));
      results[`probe.N${n}.mininet.lossPct`] = Math.round(median(pingall.map((run) => run.loss)) * 10) / 10;
    }
  } finally {
    await pool?.close();
    if (up) await labDown();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(resolve(entry)).href) {
  const results = await benchProbe();
  for (const [key, value] of Object.entries(results)) console.log(`${key.padEnd(34)} ${String(value).padStart(7)}`);
}
