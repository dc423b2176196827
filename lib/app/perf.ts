import "server-only";
import { randomUUID } from "node:crypto";
import type { Audit } from "../exec/audit";
import { HostPool, type HostPoolOptions } from "../exec/hosts";
import { inventoryGap } from "../inventory/coverage";
import type { Inventory } from "../inventory/schema";
import { PERF_LIMITS, type PerfResult } from "../probe/perf-iperf";
import { measurePair, sharedNetwork } from "../probe/perf-run";
import type { Topology } from "../topology/schema";

export type PerfOptions = {
  inventory: Inventory;
  inventoryDir: string;
  who: string;
  audit: Audit;
  runId?: string;
  credential?: HostPoolOptions["credential"];
  /** Pairs to measure: every `from` to every `to` (not itself). */
  from: readonly string[];
  to: readonly string[];
  seconds: number;
  udp: boolean;
  /** Size packets for this path MTU (TCP MSS / UDP datagram length). */
  mtu?: number;
  /** Called after each pair, in order. */
  onResult?: (result: PerfResult) => void;
};

export type PerfReport = { runId: string; topology: string; measuredAt: string; results: PerfResult[] };

/** A perf request that cannot run (names not in the design, too many pairs, bad seconds). */
export class PerfInputError extends Error {
  override readonly name = "PerfInputError";
}

/** The pairs of a request, checked against the design and the bounds. @throws PerfInputError */
export function perfPairs(
  topology: Topology,
  from: readonly string[],
  to: readonly string[],
  seconds: number,
): { from: string; to: string }[] {
  for (const name of [...from, ...to])
    if (!topology.containers?.[name])
      throw new PerfInputError(`'${name.slice(0, 64)}' is not a container of ${topology.name}`);
  if (!Number.isInteger(seconds) || seconds < PERF_LIMITS.minSeconds || seconds > PERF_LIMITS.maxSeconds)
    throw new PerfInputError(
      `--seconds must be a whole number from ${PERF_LIMITS.minSeconds} to ${PERF_LIMITS.maxSeconds}`,
    );
  const pairs = [...new Set(from)].flatMap((source) =>
    [...new Set(to)].filter((target) => target !== source).map((target) => ({ from: source, to: target })),
  );
  if (pairs.length === 0) throw new PerfInputError("no pair to measure: give a --from and a different --to");
  if (pairs.length > PERF_LIMITS.maxPairs)
    throw new PerfInputError(
      `${pairs.length} pairs asked; at most ${PERF_LIMITS.maxPairs} are measured in one run (each takes --seconds)`,
    );
  const apart = pairs.find((pair) => !sharedNetwork(topology, pair.from, pair.to));
  if (apart)
    throw new PerfInputError(
      `${apart.from} and ${apart.to} share no network in the design: there is no path to measure`,
    );
  return pairs;
}

/**
 * Measures throughput between containers with iperf3, one pair at a time (pairs measured at once
 * would share the links and skew each other), at most {@link PERF_LIMITS}.maxPairs pairs of at most
 * maxSeconds each. Every command is audited and bounded in time.
 * @throws PerfInputError before anything runs; Error when the inventory lacks a host.
 */
export async function runPerf(topology: Topology, options: PerfOptions): Promise<PerfReport> {
  const pairs = perfPairs(topology, options.from, options.to, options.seconds);
  const hosts = [
    ...new Set(pairs.flatMap((pair) => [pair.from, pair.to]).map((name) => topology.containers?.[name]?.host ?? "")),
  ].sort();
  const gap = inventoryGap(hosts, options.inventory);
  if (gap) throw new Error(gap.message);
  const runId = options.runId ?? randomUUID();
  const pool = new HostPool(options.inventory, {
    audit: options.audit,
    who: options.who,
    runId,
    baseDir: options.inventoryDir,
    ...(options.credential ? { credential: options.credential } : {}),
  });
  const measuredAt = new Date().toISOString();
  const results: PerfResult[] = [];
  try {
    for (const pair of pairs) {
      const result = await measurePair(pool, topology, {
        ...pair,
        seconds: options.seconds,
        udp: options.udp,
        ...(options.mtu === undefined ? {} : { mtu: options.mtu }),
      });
      results.push(result);
      options.onResult?.(result);
    }
  } finally {
    await pool.close();
  }
  return { runId, topology: topology.name, measuredAt, results };
}
