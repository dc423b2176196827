import type { LabDesignSession } from "../../probe/testing/lab-design";
import type { Topology } from "../../topology/schema";
import { type PerfReport, runPerf } from "../perf";

/** Who the perf lab tests run as (their audit entries carry it). */
export const PERF_LAB_WHO = "perf-lab-test";

/**
 * iperf3 for one second from every `from` to every `to` of `topology` (TCP, or UDP with `udp`), on the
 * lab of `session` and through its inventory and audit: the measurement the perf lab tests make.
 */
export function perfOnLab(
  session: LabDesignSession,
  topology: Topology,
  pairs: { from: readonly string[]; to: readonly string[]; udp: boolean },
): Promise<PerfReport> {
  return runPerf(topology, {
    inventory: session.inventory,
    inventoryDir: session.dir,
    who: PERF_LAB_WHO,
    audit: session.audit,
    seconds: 1,
    ...pairs,
  });
}
