import { describe, expect, it } from "vitest";
import { graphSvg } from "./graph-svg";
import { exampleGraph } from "./test-graphs";
import type { Graph } from "./types";

const names = (graph: Graph) =>
  Object.fromEntries(graph.nodes.map((n) => [n.id, n.type === "vlan" ? `vlan.${n.data.vid}` : n.data.name]));

describe("the drawing as a picture", () => {
  it("draws every node and edge, with parents, attachments and NIC→VLAN links told apart", () => {
    const graph = exampleGraph("macvlan-8021q");
    const { svg, width, height } = graphSvg(graph, names(graph));
    expect(svg.match(/data-kind="host"/g)).toHaveLength(2);
    expect(svg.match(/data-kind="container"/g)).toHaveLength(4);
    expect(svg.match(/<path data-kind="parent"/g)).toHaveLength(4);
    expect(svg.match(/<path data-kind="attach"/g)).toHaveLength(4);
    expect(svg.match(/<path data-kind="trunk"/g)).toHaveLength(4);
    expect(svg).toContain("172.16.11.11");
    expect(width).toBeGreaterThan(300);
    expect(height).toBeGreaterThan(200);
  });

  it("gives each network its colour on its node and its edges", () => {
    const graph = exampleGraph("macvlan-8021q");
    const { svg } = graphSvg(graph, names(graph));
    const attach = [...svg.matchAll(/<path data-kind="attach"[^>]*stroke="(#[0-9a-f]+)"/g)].map((m) => m[1]);
    expect(new Set(attach).size).toBe(2);
  });

  it("escapes names, so a design cannot inject markup into the picture", () => {
    const graph = exampleGraph("macvlan");
    const { svg } = graphSvg({ ...graph, meta: { name: "<script>x</script>" } }, names(graph));
    expect(svg).not.toContain("<script>");
  });
});
