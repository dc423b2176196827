/**
 * The dashboard's data path for a large ping run, without the lab: the 16,256 cells of the full IP
 * matrix of 128 containers (16 hosts × 8 on one macvlan network, the scale bench's design), made by
 * the probe's own code (expectation, parsed pinger output, verdict), then
 * 1. streamed: each cell as one event on the run hub (lib/runs/hub.ts) to a subscriber that encodes
 *    it as a server-sent event, as /api/runs/ID/events does;
 * 2. stored: the run recorded and all its cells inserted in one transaction (recordPingSession, as the
 *    CLI and the dashboard do), in a throwaway database file;
 * 3. read back: every cell of the run (what the matrix view loads).
 * Target: storing < 1 s. Run alone: `node bin/run-ts.js bench/datapath.ts`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { recordPingSession, startPingRecord } from "../lib/app/ping-session";
import { expectMatrix } from "../lib/expect/expect";
import { parsePing } from "../lib/probe/parse-ping";
import type { ProbeReport } from "../lib/probe/run-probe";
import { resolveProbeSettings } from "../lib/probe/settings";
import { scaleTopology } from "../lib/probe/testing/scale-design";
import type { ProbeCell } from "../lib/probe/types";
import { cellOf } from "../lib/probe/verdict";
import { RunHub } from "../lib/runs/hub";
import { encodeSse } from "../lib/runs/stream";
import { openStore } from "../lib/store/open";
import { listPingCells } from "../lib/store/ping-cells";
import { serializeTopology } from "../lib/topology/serialize";

const RUNS = 3;
const STORE_TARGET_MS = 1_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The cells of a passing full IP matrix, as the probe makes them from the host pinger's output. */
function matrixCells(): ProbeCell[] {
  const topology = scaleTopology({ hosts: 16, perHost: 8, network: "macvlan" });
  return expectMatrix(topology, { by: "ip" }).pairs.map((expectation, index) => {
    const raw = `crossnet-ping ${expectation.target}: 3 sent, 3 received, 0% packet loss\nrtt min/avg/max = 0.061/0.094/0.152 ms`;
    const host = topology.containers?.[expectation.from]?.host ?? "";
    const command = `python3 -c "$CROSSNET_PINGER" 3 0.2 1 fast ${expectation.from} ${40_000 + (index % 500)} ${"ab12".repeat(16)} 0 1 ${expectation.target}`;
    return cellOf(expectation, host, { kind: "ran", exitCode: 0, outcome: parsePing(raw), raw }, 1, command);
  });
}

/**
 * Keys: `datapath.cells`, `datapath.sse.ms` (hub + SSE encoding of every cell, median of 3),
 * `datapath.sse.MB` (bytes on the wire), `datapath.store.ms` (record the run and insert every cell,
 * median of 3) with `datapath.target.store.ms` and `datapath.pass.store`, `datapath.store.cpuMs` (its
 * CPU time), `datapath.read.ms`.
 */
export async function benchDatapath(): Promise<Record<string, number>> {
  const cells = matrixCells();
  const results: Record<string, number> = { "datapath.cells": cells.length };

  const sse: number[] = [];
  let bytes = 0;
  for (let run = 0; run < RUNS; run++) {
    const hub = new RunHub();
    const id = `bench-${run}`;
    const channel = hub.open(id, "ping");
    bytes = 0;
    const t0 = performance.now();
    hub.subscribe(id, 0, (seq, event) => {
      bytes += Buffer.byteLength(encodeSse(seq, event));
    });
    for (const cell of cells) channel.emit({ type: "probe", event: { type: "cell", cell } });
    channel.end({
      kind: "ping",
      result: {
        summary: { pass: cells.length, fail: 0, durationMs: 0 },
        cancelled: false,
        unreachable: [],
        error: null,
      },
    });
    sse.push(performance.now() - t0);
  }
  results["datapath.sse.ms"] = Math.round(median(sse));
  results["datapath.sse.MB"] = Math.round(bytes / 1e5) / 10;

  const dir = mkdtempSync(join(tmpdir(), "cn-bench-datapath-"));
  try {
    const opened = openStore({ path: join(dir, "crossnet.db") });
    if (!opened.ok) throw new Error(opened.error.message);
    const store = opened.value;
    const topology = scaleTopology({ hosts: 16, perHost: 8, network: "macvlan" });
    const report: ProbeReport = {
      runId: "",
      cells,
      summary: { pass: cells.length, fail: 0, durationMs: 0 },
      cancelled: false,
      unreachable: [],
      settings: resolveProbeSettings({ maxPairs: cells.length }),
      timings: { prepareMs: 0, probeMs: 0 },
    };
    const stores: number[] = [];
    const reads: number[] = [];
    const storeCpu: number[] = [];
    try {
      for (let run = 0; run < RUNS; run++) {
        const started = startPingRecord(store, {
          topology: { name: topology.name, document: serializeTopology(topology) },
          actor: { name: "bench", role: "admin" },
          request: { mode: "select", by: "ip" },
        });
        if (!started.ok) throw new Error(started.error.message);
        let t0 = performance.now();
        const cpu0 = process.cpuUsage();
        const finished = recordPingSession(store, { ...report, rerunOf: null, runId: started.value.id });
        stores.push(performance.now() - t0);
        const cpu = process.cpuUsage(cpu0);
        storeCpu.push((cpu.user + cpu.system) / 1000);
        if (!finished.ok) throw new Error(finished.error.message);
        t0 = performance.now();
        const back = listPingCells(store, started.value.id);
        reads.push(performance.now() - t0);
        if (back.length !== cells.length) throw new Error(`read back ${back.length} cells, not ${cells.length}`);
      }
    } finally {
      store.close();
    }
    const storeMs = Math.round(median(stores));
    results["datapath.store.ms"] = storeMs;
    results["datapath.target.store.ms"] = STORE_TARGET_MS;
    results["datapath.pass.store"] = storeMs < STORE_TARGET_MS ? 1 : 0;
    results["datapath.read.ms"] = Math.round(median(reads));
    // This process's own CPU time for the store (the wall time above also waits for a busy machine).
    results["datapath.store.cpuMs"] = Math.round(median(storeCpu));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(resolve(entry)).href) {
  const results = await benchDatapath();
  for (const [key, value] of Object.entries(results)) console.log(`${key.padEnd(28)} ${String(value).padStart(8)}`);
}
