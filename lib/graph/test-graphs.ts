import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseTopologyText } from "@/lib/topology";
import { topologyToGraph } from "./from-topology";
import type { Graph } from "./types";

/** The graph of one of the examples/ designs, for tests. */
export function exampleGraph(name: string): Graph {
  const text = readFileSync(join(__dirname, "..", "..", "examples", `${name}.yaml`), "utf8");
  const parsed = parseTopologyText(text);
  if (!parsed.topology) throw new Error(`${name} does not parse`);
  return topologyToGraph(parsed.topology).graph;
}

export function emptyGraph(name = "draft"): Graph {
  return { meta: { name }, nodes: [], edges: [] };
}
