import { plain } from "../../i18n/text";
import type { ProbeCell } from "../types";

/**
 * A probe cell for tests of what reads cells (lessons, sessions, the store): by default bbox-1 pings
 * bbox-2 by IP on mac_net1 from node-1, expected to reach and reaching (3 of 3 replies, a pass);
 * `over` sets whatever the test is about.
 */
export function probeCell(over: Partial<ProbeCell> = {}): ProbeCell {
  return {
    from: "bbox-1",
    to: "bbox-2",
    by: "ip",
    target: "10.0.0.12",
    network: "mac_net1",
    host: "node-1",
    expected: "reach",
    reasonCode: "macvlan-same-segment",
    reason: plain(""),
    actual: "reach",
    sent: 3,
    received: 3,
    lossPct: 0,
    rttMs: null,
    verdict: "pass",
    diagnosis: null,
    error: null,
    rawOutput: "",
    command: "",
    attempts: 1,
    ...over,
  };
}
