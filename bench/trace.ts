/**
 * A trace's wall time across 2 lab hosts (macvlan over VLAN 10, `bbox-11` on node-1 → `bbox-21` on
 * node-2: 7 capture points, the wire included), 5 times; the median, with its target of under 2 s.
 * Also the engine's share of "Capture here → first packet shown": from starting a capture on the wire
 * to its first decoded packet reaching `onPacket`, while the hosts ping (median of 3).
 * Run alone: `node bin/run-ts.js bench/run.ts trace` (Linux, root; waits for any other lab to go down).
 */
import { captureSession } from "../lib/app/capture";
import { traceSession } from "../lib/app/trace";
import { hostExec } from "../lib/lab/host/host-exec";
import { labForDesign, loadExample } from "../lib/probe/testing/lab-design";

const TARGET_MS = 2_000;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export async function benchTrace(): Promise<Record<string, number>> {
  const topology = loadExample("macvlan-8021q");
  const session = await labForDesign(topology, { docker: "26" });
  try {
    const context = {
      topology,
      hosts: { inventory: session.inventory, dir: session.dir },
      actor: { name: "bench", role: "operator" as const },
      audit: session.audit,
    };
    const walls: number[] = [];
    let reached = 0;
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      const result = await traceSession(context, { from: "bbox-11", to: "bbox-21" });
      walls.push(performance.now() - started);
      if (result.ok && result.value.verdict === "reach" && result.value.hops.every((hop) => hop.request && hop.reply))
        reached += 1;
    }
    const firsts: number[] = [];
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      let first = Number.NaN;
      const controller = new AbortController();
      const capture = captureSession(
        context,
        { at: ["wire"], seconds: 10, count: 1000, filter: "vlan and icmp" },
        {
          signal: controller.signal,
          onPacket: () => {
            if (Number.isNaN(first)) {
              first = performance.now() - started;
              controller.abort();
            }
          },
        },
      );
      const pinger = hostExec(
        "node-1",
        ["docker", "exec", "bbox-11", "ping", "-c", "20", "-i", "0.2", "172.16.11.12"],
        {
          timeoutMs: 15_000,
        },
      );
      await capture;
      await pinger;
      firsts.push(first);
    }
    const wall = median(walls);
    return {
      "trace.wall.ms": Math.round(wall),
      "trace.reachedRuns": reached,
      "trace.target.wall.ms": TARGET_MS,
      "trace.pass.wall": wall < TARGET_MS && reached === 5 ? 1 : 0,
      "trace.captureToFirstPacketMs": Math.round(median(firsts)),
    };
  } finally {
    await session.close();
  }
}
