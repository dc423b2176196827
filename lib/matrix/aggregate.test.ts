import { describe, expect, it } from "vitest";
import type { ProbeCell } from "../probe/types";
import { aggregateByHost, aggregateByNetwork, blockId, drillDown, filterAxes } from "./aggregate";
import { probeCell } from "./testing";

/** Containers a1, a2 on host-a and b1 on host-b; nets: a1 & b1 on n1, a2 on n2. */
const placement: Record<string, { host: string; network: string; ip: string }> = {
  a1: { host: "host-a", network: "n1", ip: "10.1.0.1" },
  a2: { host: "host-a", network: "n2", ip: "10.2.0.2" },
  b1: { host: "host-b", network: "n1", ip: "10.1.0.3" },
};

function cell(from: string, to: string, verdict: "pass" | "fail" = "pass"): ProbeCell {
  const src = placement[from];
  const dst = placement[to];
  if (!src || !dst) throw new Error("unknown container");
  return probeCell({ from, to, host: src.host, network: dst.network, target: dst.ip, verdict });
}

const containers = ["a1", "a2", "b1"];

describe("the aggregated matrix", () => {
  it("sums squares by host pair, with what failed and what was not probed", () => {
    const cells = [cell("a1", "a2"), cell("a1", "b1", "fail"), cell("a2", "b1"), cell("b1", "a1")];
    const view = aggregateByHost(containers, cells, ["ip"]);
    expect(view.rows).toEqual(["host-a", "host-b"]);
    expect(view.blocks[blockId("host-a", "host-a")]).toEqual({ pass: 1, fail: 0, notProbed: 1 });
    expect(view.blocks[blockId("host-a", "host-b")]).toEqual({ pass: 1, fail: 1, notProbed: 0 });
    expect(view.blocks[blockId("host-b", "host-a")]).toEqual({ pass: 1, fail: 0, notProbed: 1 });
    expect(view.members["host-a"]).toEqual(["a1", "a2"]);
  });

  it("sums IP cells by network pair, by the network of the address pinged", () => {
    const cells = [cell("a1", "b1"), cell("b1", "a1", "fail"), cell("a1", "a2"), cell("a2", "a1")];
    const view = aggregateByNetwork(containers, cells);
    expect(view.rows).toEqual(["n1", "n2"]);
    expect(view.blocks[blockId("n1", "n1")]).toEqual({ pass: 1, fail: 1, notProbed: 0 });
    expect(view.blocks[blockId("n1", "n2")]).toEqual({ pass: 1, fail: 0, notProbed: 1 });
  });

  it("drills a block down to its containers and its cells", () => {
    const cells = [cell("a1", "b1", "fail"), cell("a2", "b1"), cell("b1", "a1")];
    const view = aggregateByHost(containers, cells, ["ip"]);
    const drill = drillDown(view, cells, "host-a", "host-b");
    expect(drill.rows).toEqual(["a1", "a2"]);
    expect(drill.cols).toEqual(["b1"]);
    expect(drill.cells.map((c) => `${c.from}>${c.to}`)).toEqual(["a1>b1", "a2>b1"]);
  });

  it("a 128-container run sums to 128 × 127 squares per means", () => {
    const names = Array.from({ length: 128 }, (_, i) => `c${i}`);
    const cells = names.flatMap((from, i) =>
      names
        .filter((to) => to !== from)
        .map((to) =>
          probeCell({ from, to, host: `h${i % 16}`, verdict: from === "c3" && to === "c9" ? "fail" : "pass" }),
        ),
    );
    const view = aggregateByHost(names, cells, ["ip"]);
    expect(view.rows).toHaveLength(16);
    const total = Object.values(view.blocks).reduce((sum, b) => sum + b.pass + b.fail + b.notProbed, 0);
    expect(total).toBe(128 * 127);
    expect(view.blocks[blockId("h3", "h9")]?.fail).toBe(1);
  });
});

describe("matrix filters", () => {
  const cells = [cell("a1", "b1", "fail"), cell("a2", "b1"), cell("b1", "a2")];
  it("failed only keeps the sources and targets of failing cells", () => {
    expect(filterAxes({ rows: containers, cols: containers }, cells, { failedOnly: true, query: "" })).toEqual({
      rows: ["a1"],
      cols: ["b1"],
    });
  });

  it("search keeps the matching sources, else the matching targets", () => {
    expect(filterAxes({ rows: containers, cols: containers }, cells, { failedOnly: false, query: "A2" })).toEqual({
      rows: ["a2"],
      cols: containers,
    });
    expect(filterAxes({ rows: ["a1"], cols: containers }, cells, { failedOnly: false, query: "b1" })).toEqual({
      rows: ["a1"],
      cols: ["b1"],
    });
  });
});
