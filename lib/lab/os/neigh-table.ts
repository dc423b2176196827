import "server-only";
import { readFileSync, writeFileSync } from "node:fs";
import { recordIntent } from "../lifecycle/journal";

/**
 * The kernel's IPv4 neighbour (ARP) table limits. They are global: one table serves every network
 * namespace, and these sysctls exist only in the root namespace. A real host has a table of its own;
 * the lab's N emulated hosts and all their containers share ONE. The defaults (128/512/1024) hold
 * 1,024 entries for the whole machine, while a full ping matrix of N containers needs about N×(N−1)
 * of them (each source resolves each target, each target answers each source): 16,256 for 128
 * containers, 65,280 for 256. Past 1,024 the kernel logs `arp_cache: neighbor table overflow!`,
 * `sendto` fails with ENOBUFS and replies are dropped unseen, so a pair that reaches looks blocked.
 */
export const NEIGH_SYSCTLS = {
  gc_thresh1: "/proc/sys/net/ipv4/neigh/default/gc_thresh1",
  gc_thresh2: "/proc/sys/net/ipv4/neigh/default/gc_thresh2",
  gc_thresh3: "/proc/sys/net/ipv4/neigh/default/gc_thresh3",
  /**
   * Also one per machine: the per-CPU queue of frames received from software devices (every veth
   * hop of every emulated host). At its default of 1,000, the first full matrix of 256 containers
   * (65,280 ARP broadcasts, each flooded to all 288 endpoints of the segment) overflowed it: about
   * 1.8 million frames dropped (`/proc/net/softnet_stat`), 4,001 pairs that reach reported blocked.
   */
  netdev_max_backlog: "/proc/sys/net/core/netdev_max_backlog",
} as const;

/**
 * The limits the lab sets while it is up: room for the full matrix of 256 containers several times
 * over (entries of an earlier run age out), at about 0.5 KB per entry actually in use, and a
 * backlog that absorbs the matrix's bursts of broadcasts (memory only while frames wait in it).
 * gc_thresh1 stays as it is (below it nothing is collected).
 */
export const LAB_NEIGH_LIMITS = { gc_thresh2: 131_072, gc_thresh3: 262_144, netdev_max_backlog: 65_536 } as const;

/**
 * What to write to lift the limits to {@link LAB_NEIGH_LIMITS}, given the current values: only the
 * ones lower than the lab needs (a machine tuned higher is left alone). Pure.
 */
export function neighRaises(current: Partial<Record<keyof typeof NEIGH_SYSCTLS, number>>): {
  key: keyof typeof LAB_NEIGH_LIMITS;
  previous: number;
  value: number;
}[] {
  return (Object.keys(LAB_NEIGH_LIMITS) as (keyof typeof LAB_NEIGH_LIMITS)[]).flatMap((key) => {
    const previous = current[key];
    const value = LAB_NEIGH_LIMITS[key];
    return previous !== undefined && Number.isInteger(previous) && previous < value ? [{ key, previous, value }] : [];
  });
}

/**
 * Raises the neighbour table limits for the lab's life. Each previous value is journaled BEFORE it
 * is changed, so `labDown` puts it back even after a crash. gc_thresh3 first, so the three stay
 * ordered (thresh2 ≤ thresh3) at every moment.
 */
export function raiseNeighLimits(): void {
  const current = Object.fromEntries(
    (Object.keys(NEIGH_SYSCTLS) as (keyof typeof NEIGH_SYSCTLS)[]).map((key) => [
      key,
      Number(readFileSync(NEIGH_SYSCTLS[key], "utf8").trim()),
    ]),
  );
  for (const { key, previous, value } of neighRaises(current).reverse()) {
    recordIntent({ kind: "sysctl", path: NEIGH_SYSCTLS[key], previous: String(previous) });
    writeFileSync(NEIGH_SYSCTLS[key], `${value}\n`);
  }
}

/**
 * Puts back journaled sysctl values, in the reverse order of their change (gc_thresh2 before
 * gc_thresh3). Only the neighbour-table paths are accepted, whatever the journal says. Returns how
 * many were restored.
 */
export function restoreSysctls(entries: readonly { path: string; previous: string }[], warnings: string[]): number {
  const allowed = new Set<string>(Object.values(NEIGH_SYSCTLS));
  let count = 0;
  for (const { path, previous } of [...entries].reverse()) {
    if (!allowed.has(path) || !/^\d{1,10}$/.test(previous)) {
      warnings.push(`ignored a journaled sysctl '${path}' = '${previous.slice(0, 20)}'`);
      continue;
    }
    try {
      writeFileSync(path, `${previous}\n`);
      count++;
    } catch (error) {
      warnings.push(`restore ${path} to ${previous}: ${(error as Error).message}`);
    }
  }
  return count;
}
