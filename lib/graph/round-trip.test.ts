import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normalize, parseTopologyText, serializeTopology, type Topology } from "@/lib/topology";
import { checkGraph } from "./check-graph";
import { topologyToGraph } from "./from-topology";
import { positionsOf } from "./layout";
import { graphToTopology } from "./to-topology";

const dir = join(__dirname, "..", "..", "examples");
const examples = readdirSync(dir)
  .filter((file) => file.endsWith(".yaml"))
  .sort()
  .map((file) => {
    const parsed = parseTopologyText(readFileSync(join(dir, file), "utf8"));
    if (!parsed.topology) throw new Error(`${file} does not parse`);
    return [file, parsed.topology] as [string, Topology];
  });

describe("round trip through the canvas graph", () => {
  it("finds the examples", () => {
    expect(examples.length).toBeGreaterThanOrEqual(7);
  });

  it.each(examples)("%s: graph → topology gives the same design", (_file, topology) => {
    const { graph, unresolved } = topologyToGraph(topology);
    expect(unresolved).toEqual([]);
    const back = graphToTopology(graph);
    expect(back.issues).toEqual([]);
    expect(normalize(back.topology)).toEqual(normalize(topology));
  });

  it.each(examples)("%s: the YAML written from the graph is byte-identical", (_file, topology) => {
    const check = checkGraph(topologyToGraph(topology).graph);
    expect(check.valid).toBeDefined();
    expect(serializeTopology(check.valid ?? topology)).toBe(serializeTopology(topology));
  });

  it.each(examples)("%s: positions survive a rebuild from the design", (_file, topology) => {
    const first = topologyToGraph(topology).graph;
    const moved = { ...first, nodes: first.nodes.map((node, i) => ({ ...node, position: { x: 1000 + i, y: 7 * i } })) };
    const again = topologyToGraph(graphToTopology(moved).topology, positionsOf(moved)).graph;
    expect(again.nodes.map((node) => node.position)).toEqual(moved.nodes.map((node) => node.position));
  });

  it.each(examples)("%s: the examples have no errors on the canvas either", (_file, topology) => {
    const check = checkGraph(topologyToGraph(topology).graph);
    expect(check.issues.filter((issue) => issue.severity === "error")).toEqual([]);
  });
});

describe("graphFromText", () => {
  it("draws a text whose references resolve", async () => {
    const { graphFromText } = await import("./from-text");
    const result = graphFromText(serializeTopology(examples[0]?.[1] ?? { name: "x", hosts: {} }), {});
    expect(result.ok).toBe(true);
  });

  it("keeps the canvas (and says why) for YAML errors and dangling references", async () => {
    const { graphFromText } = await import("./from-text");
    const broken = graphFromText("name: x\nhosts: {\n", {});
    expect(broken.ok).toBe(false);
    expect(broken.issues[0]).toMatchObject({ code: "yaml-syntax", line: expect.any(Number) });
    const dangling = graphFromText(
      "name: x\nhosts: { h1: { nics: {} } }\ncontainers: { c1: { host: h9, image: busybox, networks: {} } }\n",
      {},
    );
    expect(dangling).toMatchObject({
      ok: false,
      issues: [{ message: { en: "the canvas cannot draw host 'h9' of container 'c1': it does not exist" } }],
    });
  });
});

it("services, published ports and shims survive the canvas (byte-identical YAML)", () => {
  const parsed = parseTopologyText(`name: web
hosts:
  node-1:
    nics:
      ens33: { address: 192.168.0.53/24, promisc: true }
    shims:
      - { network: mac, name: shim0, ip: 192.168.0.250 }
networks:
  mac: { driver: macvlan, subnet: 192.168.0.0/24, parent: { node-1: ens33 } }
containers:
  web:
    host: node-1
    image: busybox
    networks: { mac: { ip: 192.168.0.11 } }
    services: [{ proto: tcp, port: 80 }]
    publish: ["8080:80/tcp"]
`);
  if (!parsed.topology) throw new Error("does not parse");
  const check = checkGraph(topologyToGraph(parsed.topology).graph);
  expect(check.valid).toBeDefined();
  expect(serializeTopology(check.valid ?? parsed.topology)).toBe(serializeTopology(parsed.topology));
  expect(check.valid?.hosts["node-1"]?.shims).toEqual([{ network: "mac", name: "shim0", ip: "192.168.0.250" }]);
  expect(check.valid?.containers?.web?.publish).toEqual(["8080:80/tcp"]);
});
