/**
 * Two speed targets of issue 11 (security): once setup is done, the setup action answers in under
 * 10 ms (it checks state before any password hash; finding 4), and a hostile 1 MiB import, nested
 * deep or very wide, is refused in under 50 ms (a linear pre-scan before the YAML parser; finding 11).
 * Setup: a real store on disk, the first admin made with the production password hash (128 MiB
 * scrypt, once), then 200 setup attempts, each from its own address; p95 and max. Import: each hostile
 * document 5 times through the import's parser; the slowest run. Run alone: `node bin/run-ts.js bench/security.ts`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { completeSetup, ensureSetupToken } from "../lib/auth/bootstrap";
import { openStore } from "../lib/store/open";
import { parseTopologyText } from "../lib/topology/parse";
import { LIMITS } from "../lib/topology/schema";

const SETUP_TARGET_MS = 10;
const IMPORT_TARGET_MS = 50;
const SETUP_TRIES = 200;
const IMPORT_RUNS = 5;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** The 1 MiB documents finding 11 named: deep flow nesting, deep block nesting, a very wide list and map. */
function hostileImports(): Record<string, string> {
  const fill = (unit: string, tail = "") => unit.repeat(Math.floor((LIMITS.bytes - tail.length) / unit.length)) + tail;
  let blocks = "";
  for (let depth = 0; blocks.length < LIMITS.bytes - 4096; depth += 1)
    blocks += `${" ".repeat(depth % 2000)}k${depth}:\n`;
  let map = "";
  for (let i = 0; map.length < LIMITS.bytes - 64; i += 1) map += `k${i}: 1\n`;
  return { deepFlow: fill("["), deepBlock: blocks, wideList: `[${fill("1,", "1]")}`, wideMap: map };
}

export async function benchSecurity(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), "cn-bench-security-"));
  const results: Record<string, number> = {};
  try {
    const opened = openStore({ path: join(dir, "crossnet.db") });
    if (!opened.ok) throw new Error(opened.error.message);
    const store = opened.value;
    const state = ensureSetupToken(store);
    if (state.status !== "setup-required") throw new Error("a fresh store needs setup");
    const made = await completeSetup(store, { token: state.token, username: "admin", password: "bench-Setup-pw-1" });
    if (!made.ok) throw new Error(made.error.message);
    const times: number[] = [];
    for (let i = 0; i < SETUP_TRIES; i += 1) {
      const started = performance.now();
      const again = await completeSetup(store, {
        token: state.token,
        username: `u${i}`,
        password: "bench-Setup-pw-1",
        ip: `10.9.${i >> 8}.${i & 255}`,
      });
      times.push(performance.now() - started);
      if (again.ok || again.error.code !== "setup-done")
        throw new Error("setup answered something else than setup-done");
    }
    store.close();
    times.sort((a, b) => a - b);
    const p95 = quantile(times, 0.95);
    results["security.setupDone.p50.ms"] = round(quantile(times, 0.5));
    results["security.setupDone.p95.ms"] = round(p95);
    results["security.setupDone.max.ms"] = round(times[times.length - 1] ?? Number.NaN);
    results["security.target.setupDone.p95.ms"] = SETUP_TARGET_MS;
    results["security.pass.setupDone.p95"] = p95 < SETUP_TARGET_MS ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  let worst = 0;
  for (const [name, text] of Object.entries(hostileImports())) {
    let slowest = 0;
    for (let run = 0; run < IMPORT_RUNS; run += 1) {
      const started = performance.now();
      const parsed = parseTopologyText(text);
      slowest = Math.max(slowest, performance.now() - started);
      if (parsed.issues[0]?.code !== "too-large") throw new Error(`${name}: not refused by the pre-scan`);
    }
    results[`security.importRefused.${name}.max.ms`] = round(slowest);
    worst = Math.max(worst, slowest);
  }
  results["security.importRefused.max.ms"] = round(worst);
  results["security.target.importRefused.max.ms"] = IMPORT_TARGET_MS;
  results["security.pass.importRefused.max"] = worst < IMPORT_TARGET_MS ? 1 : 0;
  return results;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(resolve(entry)).href) {
  const results = await benchSecurity();
  for (const [key, value] of Object.entries(results)) console.log(`${key.padEnd(40)} ${String(value).padStart(9)}`);
}
