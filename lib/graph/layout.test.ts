import { describe, expect, it } from "vitest";
import { closeUp, SIZES } from "./layout";
import { exampleGraph } from "./test-graphs";

describe("closing the drawing up for a fixed pane", () => {
  it("moves the networks down to the gap above the highest host, and nothing else", () => {
    const graph = exampleGraph("macvlan-8021q");
    const drawn = closeUp(graph.nodes, 32);
    const hostsTop = Math.min(...graph.nodes.filter((n) => n.type === "host").map((n) => n.position.y));
    const networks = drawn.filter((n) => n.type === "network");
    const bottom = Math.max(...networks.map((n) => n.position.y + (n.height ?? SIZES.network.height)));
    expect(bottom).toBe(hostsTop - 32);
    for (const node of graph.nodes) if (node.type !== "network") expect(drawn).toContain(node);
    const before = graph.nodes.filter((n) => n.type === "network").map((n) => n.position.x);
    expect(networks.map((n) => n.position.x)).toEqual(before);
  });

  it("leaves a drawing alone when networks are not all above the hosts, or are already close", () => {
    const graph = exampleGraph("macvlan");
    const moved = graph.nodes.map((n) => (n.type === "network" ? { ...n, position: { x: 0, y: 5000 } } : n));
    expect(closeUp(moved)).toEqual(moved);
    const once = closeUp(graph.nodes, 32);
    expect(closeUp(once, 32)).toEqual(once);
  });
});
