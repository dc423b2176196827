/**
 * Throughput of the four ways to cross hosts, side by side on the lab: macvlan, bridges routed
 * between hosts, a swarm overlay (VXLAN in the kernel), and Open vSwitch with a VXLAN tunnel (the
 * lab's OVS is userspace: netdev datapath). Each design is brought up, applied, measured with
 * iperf3 from bbox-1 to bbox-2 (on different hosts; TCP, then UDP at 100 Mbit/s), and taken down.
 * The numbers are this machine's (one kernel, veths, 2 cores shared): compare the rows, not the
 * absolute values with real NICs. `CROSSNET_BENCH_SIZE=smoke` measures 1 s per pair instead of 2.
 * All four kinds count in the target: any pair not measured fails the bench. (The OVS pair needs the
 * lab's ovs-vswitchd to pass the kernel's offload metadata on, and the plan's MTU of 1450 on the
 * containers' OVS interfaces; see lib/lab/host/daemon-argv.ts `ovsOffloadArgv` and the README.)
 * Run alone (root, under the lab lock): `node bin/run-ts.js bench/throughput.ts`.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { runPerf } from "../lib/app/perf";
import { labForDesign, loadExample } from "../lib/probe/testing/lab-design";

const DESIGNS = [
  ["macvlan", "macvlan"],
  ["bridge-routed", "bridge"],
  ["overlay-swarm", "overlay"],
  ["ovs-vxlan", "ovs"],
] as const;

/**
 * Keys per kind K (macvlan, bridge, overlay, ovs): `throughput.K.tcp.Mbps`, `throughput.K.tcp.retransmits`,
 * `throughput.K.udp.Mbps`, `throughput.K.udp.lossPct`, `throughput.K.udp.jitterMs`; a pair that could
 * not be measured has no keys, its error goes to stderr, and `throughput.pass.measured` is 0.
 */
export async function benchThroughput(): Promise<Record<string, number>> {
  const seconds = process.env.CROSSNET_BENCH_SIZE === "smoke" ? 1 : 2;
  const results: Record<string, number> = { "throughput.seconds": seconds };
  const errors: string[] = [];
  for (const [example, kind] of DESIGNS) {
    const topology = loadExample(example);
    const session = await labForDesign(topology);
    try {
      const base = {
        inventory: session.inventory,
        inventoryDir: session.dir,
        who: "bench",
        audit: session.audit,
        from: ["bbox-1"],
        to: ["bbox-2"],
        seconds,
      };
      const [tcp] = (await runPerf(topology, { ...base, udp: false })).results;
      const [udp] = (await runPerf(topology, { ...base, udp: true })).results;
      for (const result of [tcp, udp]) if (result?.error) errors.push(`${kind} ${result.proto}: ${result.error}`);
      if (tcp?.bitsPerSecond != null) results[`throughput.${kind}.tcp.Mbps`] = Math.round(tcp.bitsPerSecond / 1e5) / 10;
      if (tcp?.retransmits != null) results[`throughput.${kind}.tcp.retransmits`] = tcp.retransmits;
      if (udp?.bitsPerSecond != null) results[`throughput.${kind}.udp.Mbps`] = Math.round(udp.bitsPerSecond / 1e5) / 10;
      if (udp?.lostPercent != null) results[`throughput.${kind}.udp.lossPct`] = Math.round(udp.lostPercent * 100) / 100;
      if (udp?.jitterMs != null) results[`throughput.${kind}.udp.jitterMs`] = Math.round(udp.jitterMs * 1000) / 1000;
    } finally {
      await session.close();
    }
  }
  for (const error of errors) process.stderr.write(`throughput bench: not measured: ${error}\n`);
  results["throughput.target.measured"] = DESIGNS.length * 2;
  results["throughput.measured"] = DESIGNS.length * 2 - errors.length;
  results["throughput.pass.measured"] = errors.length === 0 ? 1 : 0;
  return results;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(resolve(entry)).href) {
  const results = await benchThroughput();
  for (const [key, value] of Object.entries(results)) console.log(`${key.padEnd(34)} ${String(value).padStart(9)}`);
}
