import { describe, expect, it } from "vitest";
import { plain } from "../i18n/text";
import { renderFailures, renderMatrix } from "./render";
import type { ProbeCell } from "./types";

function cell(from: string, to: string, by: "ip" | "name", actual: ProbeCell["actual"], expected: "reach" | "blocked") {
  const reached = actual === "reach";
  return {
    from,
    to,
    by,
    target: by === "ip" ? `10.0.0.${to.slice(-1)}` : to,
    network: "mac_net1",
    host: "node-1",
    expected,
    reasonCode: "same-network",
    reason: plain("r"),
    actual,
    sent: actual === "error" ? 0 : 3,
    received: reached ? 3 : 0,
    lossPct: reached ? 0 : 100,
    rttMs: reached ? { min: 0.5, avg: 0.912, max: 1.2 } : null,
    verdict: actual === expected ? "pass" : "fail",
    diagnosis:
      actual === expected
        ? null
        : plain("parent NIC ens33 of node-2 is not promiscuous (ip link set ens33 promisc on)"),
    error: by === "name" && actual === "blocked" ? "ping: bad address 'bbox-2'" : null,
    rawOutput: "",
    command: `docker exec ${from} timeout 2 ping -4 -c 3 -i 0.2 -W 1 -w 1 -- x`,
    attempts: actual === expected ? 1 : 2,
  } satisfies ProbeCell;
}

const cells: ProbeCell[] = [
  cell("bbox-1", "bbox-2", "ip", "reach", "reach"),
  cell("bbox-1", "bbox-2", "name", "blocked", "blocked"),
  cell("bbox-2", "bbox-1", "ip", "blocked", "reach"),
  cell("bbox-2", "bbox-1", "name", "blocked", "blocked"),
];

describe("renderMatrix", () => {
  it("shows a mark per cell, by IP then by name, and the RTT", () => {
    expect(renderMatrix(cells)).toMatchInlineSnapshot(`
      "from \\ to  bbox-1  bbox-2
      bbox-1     —       ✓✗ 0.91
      bbox-2     ✗✗      —
      marks: by IP (one per address), by name, then tcp, udp, mtu checks · ✓ reached ✗ not reached ! not probed · green as expected, red not · ms: average RTT
      "
    `);
  });

  it("colours each mark by its verdict", () => {
    const paint = { green: (t: string) => `<g>${t}</g>`, red: (t: string) => `<r>${t}</r>`, dim: (t: string) => t };
    const text = renderMatrix(cells, paint);
    expect(text).toContain("<g>✓</g><g>✗</g> 0.91");
    expect(text).toContain("<r>✗</r><g>✗</g>");
  });
});

describe("renderFailures", () => {
  it("lists each failure with expectation, outcome, diagnosis and command", () => {
    expect(renderFailures(cells)).toMatchInlineSnapshot(`
      "1 failed:
      ✗ bbox-2 → bbox-1 by ip 10.0.0.1 (mac_net1): expected to reach, did not reach (0/3 replies)
          why: parent NIC ens33 of node-2 is not promiscuous (ip link set ens33 promisc on)
          ran: docker exec bbox-2 timeout 2 ping -4 -c 3 -i 0.2 -W 1 -w 1 -- x  [2 attempts]
      "
    `);
    expect(renderFailures(cells.slice(0, 2))).toBe("");
  });
});
