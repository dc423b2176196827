/**
 * Lab bring-up and teardown times, median of 3, for 2 and 4 hosts.
 * Baselines measured on this kind of machine (lab-facts.md): 4-host up 1.25 s (2 hosts 0.73 s), 4-host down 4.0 s.
 * Run alone: `node bin/run-ts.js bench/lab.ts` (Linux, root, no lab up).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { labDown, labSpecForHosts, labUp } from "../lib/lab/index";

const RUNS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * Measures `labUp` and `labDown` (milliseconds, median of 3) for 2 and 4 plain hosts. Keys:
 * `lab.up.2hosts.ms`, `lab.down.2hosts.ms`, `lab.up.4hosts.ms`, `lab.down.4hosts.ms`.
 * Refuses (throws) when a lab is already up rather than touching it.
 */
export async function benchLab(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), "cn-bench-lab-"));
  const results: Record<string, number> = {};
  try {
    for (const hosts of [2, 4]) {
      const ups: number[] = [];
      const downs: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const up = await labUp(labSpecForHosts(hosts, `bench-${hosts}`), {
          inventoryPath: join(dir, "inventory.yaml"),
        });
        ups.push(up.durationMs);
        const down = await labDown();
        downs.push(down.durationMs);
      }
      results[`lab.up.${hosts}hosts.ms`] = median(ups);
      results[`lab.down.${hosts}hosts.ms`] = median(downs);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(resolve(entry)).href) {
  const results = await benchLab();
  const baseline: Record<string, number> = {
    "lab.up.2hosts.ms": 730,
    "lab.up.4hosts.ms": 1250,
    "lab.down.4hosts.ms": 4000,
  };
  for (const [key, value] of Object.entries(results)) {
    const base = baseline[key];
    console.log(`${key.padEnd(22)} ${String(value).padStart(6)} ms${base ? `   (baseline ${base} ms)` : ""}`);
  }
}
