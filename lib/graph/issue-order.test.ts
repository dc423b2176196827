import { describe, expect, it } from "vitest";
import { checkGraph } from "./check-graph";
import { graphFromText } from "./from-text";
import { byUrgency } from "./issue-order";

const SHARED_PARENT = `name: t
hosts:
  node-1: { nics: { ens33: { promisc: true } } }
  node-2: { nics: { ens33: { promisc: true } } }
networks:
  a: { driver: macvlan, subnet: 10.0.0.0/24, parent: { node-1: ens33, node-2: ens33 } }
  b: { driver: macvlan, subnet: 10.1.0.0/24, parent: { node-1: ens33, node-2: ens33 } }
containers:
  c1: { host: node-1, image: busybox, networks: { a: {}, b: {} } }
  c2: { host: node-2, image: busybox, networks: { a: {}, b: {} } }
`;

function issuesOf(text: string) {
  const drawn = graphFromText(text, {});
  if (!drawn.ok) throw new Error("the design does not draw");
  return checkGraph(drawn.graph).issues;
}

describe("the Issues panel's order", () => {
  it("lists the shared-parent error before the notes", () => {
    const ordered = byUrgency(issuesOf(SHARED_PARENT));
    expect(ordered[0]?.code).toBe("parent-in-use");
    const severities = ordered.map((issue) => issue.severity);
    expect(severities.indexOf("info")).toBeGreaterThan(severities.lastIndexOf("error"));
  });

  it("puts the shared-parent error at the parent of that host (the inspector marks that field by this path)", () => {
    const error = issuesOf(SHARED_PARENT).find((issue) => issue.code === "parent-in-use");
    expect(error?.path).toEqual(["networks", "b", "parent", "node-1"]);
    expect(error?.elementId).toBeDefined();
  });

  it("keeps the design's order within one severity", () => {
    const issues = [
      { severity: "info" as const, n: 1 },
      { severity: "error" as const, n: 2 },
      { severity: "info" as const, n: 3 },
      { severity: "error" as const, n: 4 },
    ];
    expect(byUrgency(issues).map((issue) => issue.n)).toEqual([2, 4, 1, 3]);
  });
});
