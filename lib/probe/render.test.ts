import { describe, expect, it } from "vitest";
import { plain, t } from "../i18n/text";
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

describe("renderFailures with hostile host output", () => {
  it("escapes control characters and bidi overrides in the error, the diagnosis and the command", () => {
    const failed = cell("bbox-2", "bbox-1", "ip", "blocked", "reach");
    const hostile: ProbeCell = {
      ...failed,
      error: "ping: \u001b[2Jgone \u202eevil",
      diagnosis: plain("container said \u2066x\u2069"),
      command: "docker exec bbox-2 ping\u0007",
    };
    const text = renderFailures([hostile]);
    for (const raw of ["\u0007", "\u001b", "\u202e", "\u2066", "\u2069"]) expect(text).not.toContain(raw);
    expect(text).toContain("ping: \\u001b[2Jgone \\u202eevil");
    expect(text).toContain("why: container said \\u2066x\\u2069");
    expect(text).toContain("ran: docker exec bbox-2 ping\\u0007");
  });
});

describe("the matrix and the failures in zh-CN", () => {
  it("read in Chinese: header, legend, expectation, outcome, diagnosis and command", () => {
    const failed: ProbeCell = {
      ...cell("bbox-2", "bbox-1", "ip", "blocked", "reach"),
      diagnosis: t`expected reach (${t`a shared network`}), but got ${t`no answer`}; the design and the hosts' observed state show no cause`,
    };
    expect(renderFailures([failed], undefined, "zh-CN")).toMatchInlineSnapshot(`
      "1 项失败：
      ✗ bbox-2 → bbox-1 经 ip 10.0.0.1（mac_net1）：预期能通，不通（0/3 个回应）
          原因：预期能通（同一个网络），实际却是 没有应答；从设计和主机的实际状态都看不出原因
          执行：docker exec bbox-2 timeout 2 ping -4 -c 3 -i 0.2 -W 1 -w 1 -- x  [2 次尝试]
      "
    `);
    const matrix = renderMatrix(cells, undefined, "zh-CN");
    expect(matrix.split("\n")[0]).toBe("源 \\ 目标  bbox-1  bbox-2");
    expect(matrix).toContain("标记：先按 IP（每个地址一个）");
  });

  it("keeps the grid aligned under a Chinese header (CJK characters take two columns)", () => {
    const [header, row] = renderMatrix(cells, undefined, "zh-CN").split("\n");
    // "源 \ 目标" is 6 characters but 9 columns wide: the first data column starts at column 11.
    expect(header).toBe("源 \\ 目标  bbox-1  bbox-2");
    expect(row).toBe("bbox-1     —       ✓✗ 0.91");
  });

  it("still escapes host output in Chinese", () => {
    const hostile: ProbeCell = {
      ...cell("bbox-2", "bbox-1", "ip", "blocked", "reach"),
      by: "tcp",
      error: "connect: \u001b[31mrefused",
      diagnosis: plain("container said \u202ex"),
    };
    const text = renderFailures([hostile], undefined, "zh-CN");
    expect(text).not.toContain("\u001b");
    expect(text).not.toContain("\u202e");
    expect(text).toContain("预期能通，connect: \\u001b[31mrefused");
    expect(text).toContain("原因：container said \\u202ex");
  });
});
