import {
  assignAddresses,
  type ContainerAddress,
  parseTopologyData,
  sortIssues,
  type Topology,
  validateTopology,
} from "@/lib/topology";
import { type ElementIndex, type GraphIssue, graphToTopology, locateIssue, pathKey } from "./to-topology";
import type { Graph } from "./types";

export type GraphCheck = {
  /** The design as the graph draws it (may be invalid). */
  topology: Topology;
  /** The same design as the schema reads it, when it passes the schema (canonical field order). */
  valid?: Topology;
  /** Every issue, sorted, each with the element it concerns (and the field, for the inspector). */
  issues: (GraphIssue & { field?: string })[];
  /** Address of each attach edge: the design's, or what Docker will assign (see lib/topology ipam). */
  addresses: Map<string, ContainerAddress>;
  index: ElementIndex;
};

/**
 * Everything the editor shows about the graph as a design: structural (schema) issues, and when the
 * schema passes, every semantic issue and the predicted addresses. Pure and fast enough to run on
 * each edit.
 */
export function checkGraph(graph: Graph): GraphCheck {
  const { topology, index, issues: graphIssues } = graphToTopology(graph);
  const parsed = parseTopologyData(topology);
  const addresses = new Map<string, ContainerAddress>();
  let semantic: GraphIssue[] = [];
  if (parsed.topology) {
    const ipam = assignAddresses(parsed.topology);
    semantic = validateTopology(parsed.topology, ipam);
    for (const [container, nets] of Object.entries(ipam.containers))
      for (const [network, address] of Object.entries(nets)) {
        const edgeId = index.get(pathKey(["containers", container, "networks", network]));
        if (edgeId) addresses.set(edgeId, address);
      }
  }
  const located = sortIssues([...parsed.issues, ...semantic]).map((issue) => {
    const where = locateIssue(issue.path, index);
    const field =
      where.field ?? (issue.code === "invalid-name" ? "name" : issue.code === "vlan-id-range" ? "vid" : undefined);
    return { ...issue, ...(where.elementId && { elementId: where.elementId }), ...(field && { field }) };
  });
  return {
    topology,
    ...(parsed.topology && { valid: parsed.topology }),
    issues: [...graphIssues, ...located],
    addresses,
    index,
  };
}
