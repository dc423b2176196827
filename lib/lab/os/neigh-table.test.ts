import { describe, expect, it } from "vitest";
import { LAB_NEIGH_LIMITS, NEIGH_SYSCTLS, neighRaises, restoreSysctls } from "./neigh-table";

describe("the lab's neighbour table limits", () => {
  it("leave room for the full matrix of 256 containers (65,280 entries) with margin", () => {
    expect(LAB_NEIGH_LIMITS.gc_thresh3).toBeGreaterThanOrEqual(2 * 256 * 255);
    expect(LAB_NEIGH_LIMITS.gc_thresh2).toBeGreaterThanOrEqual(256 * 255);
  });

  it("raise only the limits below the lab's (a machine tuned higher is left alone)", () => {
    expect(neighRaises({ gc_thresh1: 128, gc_thresh2: 512, gc_thresh3: 1024, netdev_max_backlog: 1000 })).toEqual([
      { key: "gc_thresh2", previous: 512, value: 131_072 },
      { key: "gc_thresh3", previous: 1024, value: 262_144 },
      { key: "netdev_max_backlog", previous: 1000, value: 65_536 },
    ]);
    expect(
      neighRaises({ gc_thresh1: 128, gc_thresh2: 200_000, gc_thresh3: 400_000, netdev_max_backlog: 100_000 }),
    ).toEqual([]);
    expect(neighRaises({ gc_thresh2: Number.NaN })).toEqual([]);
  });

  it("restore only neighbour-table sysctls with a number, whatever a journal says", () => {
    const warnings: string[] = [];
    expect(
      restoreSysctls(
        [
          { path: "/proc/sys/kernel/core_pattern", previous: "1" },
          { path: NEIGH_SYSCTLS.gc_thresh3, previous: "|/bin/sh" },
        ],
        warnings,
      ),
    ).toBe(0);
    expect(warnings).toEqual([
      `ignored a journaled sysctl '${NEIGH_SYSCTLS.gc_thresh3}' = '|/bin/sh'`,
      "ignored a journaled sysctl '/proc/sys/kernel/core_pattern' = '1'",
    ]);
  });
});
