import { describe, expect, it } from "vitest";
import { parseTopologyText } from "../topology";
import { COLLAPSED_HOST, hostCounts, initialCollapsed, searchNodes, visibleNodes } from "./detail";
import { topologyToGraph } from "./from-topology";
import { exampleGraph } from "./test-graphs";
import type { Graph } from "./types";

/** A design with `hosts` hosts of `per` containers each on one bridge network. */
function bigGraph(hosts: number, per: number): Graph {
  const lines = ["name: big", "hosts:"];
  for (let h = 1; h <= hosts; h++) lines.push(`  node-${h}: { nics: { eth0: { address: 192.168.0.${h}/16 } } }`);
  lines.push("networks: { net: { driver: bridge, subnet: 10.1.0.0/16 } }", "containers:");
  for (let h = 1; h <= hosts; h++)
    for (let c = 1; c <= per; c++)
      lines.push(`  c-${h}-${c}: { host: node-${h}, image: busybox, networks: { net: {} } }`);
  const parsed = parseTopologyText(lines.join("\n"));
  if (!parsed.topology) throw new Error("big design does not parse");
  return topologyToGraph(parsed.topology).graph;
}

let big300: Graph | undefined;
/** The 50-host / 300-container design, built once for the tests that need it. */
const design300 = () => {
  big300 ??= bigGraph(50, 6);
  return big300;
};

const namesOf = (graph: Graph) =>
  Object.fromEntries(
    graph.nodes.map((node) => [node.id, node.type === "vlan" ? `?.${node.data.vid}` : node.data.name]),
  );

describe("level of detail", { timeout: 30_000 }, () => {
  it("a small design opens expanded, a 50-host 300-container one with every host collapsed", () => {
    expect(initialCollapsed(exampleGraph("macvlan"))).toEqual({});
    expect(Object.keys(initialCollapsed(design300()))).toHaveLength(50);
  });

  it("a collapsed host is drawn small and its children hidden; the others are the same objects", () => {
    const graph = exampleGraph("macvlan");
    const drawn = visibleNodes(graph.nodes, { "host:node-1": true });
    const host = drawn.find((node) => node.id === "host:node-1");
    expect(host?.height).toBe(COLLAPSED_HOST.height);
    expect(host?.width).toBe(
      Math.max(COLLAPSED_HOST.width, graph.nodes.find((n) => n.id === "host:node-1")?.width ?? 0),
    );
    expect(drawn.filter((node) => node.hidden).map((node) => node.id)).toEqual(
      graph.nodes.filter((node) => node.parentId === "host:node-1").map((node) => node.id),
    );
    const untouched = graph.nodes.filter((node) => node.id !== "host:node-1" && node.parentId !== "host:node-1");
    for (const node of untouched) expect(drawn).toContain(node);
  });

  it("counts each host's containers and interfaces", () => {
    expect(hostCounts(exampleGraph("macvlan-8021q").nodes)["host:node-1"]).toEqual({ containers: 2, interfaces: 3 });
  });

  it("finds a container among 300 by part of its name, the exact name first", () => {
    const big = design300();
    const found = searchNodes(big, namesOf(big), "c-37-4");
    expect(found[0]).toEqual({ id: "container:c-37-4", kind: "container", name: "c-37-4", host: "node-37" });
    expect(searchNodes(big, namesOf(big), "C-37").map((f) => f.name)).toEqual([
      "c-37-1",
      "c-37-2",
      "c-37-3",
      "c-37-4",
      "c-37-5",
      "c-37-6",
    ]);
  });

  it("finds networks by subnet and interfaces by address, and nothing for a blank query", () => {
    const graph = exampleGraph("macvlan");
    expect(searchNodes(graph, namesOf(graph), "10.0.0.0").map((f) => f.name)).toEqual(["mac_net1"]);
    expect(searchNodes(graph, namesOf(graph), "192.168.0.54").map((f) => f.host)).toEqual(["node-2"]);
    expect(searchNodes(graph, namesOf(graph), "  ")).toEqual([]);
  });
});
