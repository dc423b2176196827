import { describe, expect, it } from "vitest";
import { BUS, busDropPath, busNodes, routedAttachPath } from "./bus";
import { exampleGraph } from "./test-graphs";

describe("networks drawn as buses", () => {
  it("each network becomes a bar above every host, as wide as the hosts, stacked in design order", () => {
    const graph = exampleGraph("macvlan-8021q");
    const drawn = busNodes(graph.nodes);
    const hosts = graph.nodes.filter((node) => node.type === "host");
    const left = Math.min(...hosts.map((host) => host.position.x));
    const right = Math.max(...hosts.map((host) => host.position.x + (host.width ?? 0)));
    const top = Math.min(...hosts.map((host) => host.position.y));
    const bars = drawn.filter((node) => node.type === "network");
    expect(bars.length).toBeGreaterThan(1);
    for (const [i, bar] of bars.entries()) {
      expect(bar.position.x).toBe(left - BUS.overhang);
      expect(bar.width).toBe(right - left + BUS.overhang * 2);
      expect(bar.height).toBe(BUS.height);
      expect(bar.draggable).toBe(false);
      expect(bar.position.y + BUS.height).toBeLessThanOrEqual(top - BUS.aboveHosts);
      const next = bars[i + 1];
      if (next) expect(next.position.y).toBe(bar.position.y + BUS.height + BUS.gap);
    }
  });

  it("leaves every other node as the same object and never changes the design's nodes", () => {
    const graph = exampleGraph("macvlan");
    const before = JSON.stringify(graph.nodes);
    const drawn = busNodes(graph.nodes);
    for (const node of graph.nodes) if (node.type !== "network") expect(drawn).toContain(node);
    expect(JSON.stringify(graph.nodes)).toBe(before);
  });

  it("draws nothing differently for a design without hosts", () => {
    const graph = exampleGraph("macvlan");
    const networksOnly = graph.nodes.filter((node) => node.type === "network");
    expect(busNodes(networksOnly)).toEqual(networksOnly);
  });

  it("a drop goes up into the gap, beside the node, then straight up onto the bar", () => {
    const bar = { x: -24, y: -100, width: 800, height: BUS.height };
    const node = { x: 200, y: 300, width: 156, height: 52 };
    const { path, land } = busDropPath({ x: 278, y: 300 }, node, bar, 1);
    expect(land).toEqual({ x: 193, y: -60 });
    expect(path).toBe("M 278 300 L 278 292 L 193 292 L 193 -60");
  });

  it("a node right under its bar drops one straight line, kept on the bar", () => {
    const bar = { x: 0, y: 0, width: 100, height: BUS.height };
    const { path, land } = busDropPath({ x: 150, y: 44 }, { x: 100, y: 44, width: 100, height: 52 }, bar, 0);
    expect(land).toEqual({ x: 96, y: 40 });
    expect(path).toBe("M 150 44 L 96 40");
  });

  it("a straight drop (a parent interface) goes up from its handle without an elbow", () => {
    const bar = { x: -24, y: -100, width: 800, height: BUS.height };
    const { path } = busDropPath({ x: 278, y: 300 }, { x: 200, y: 300, width: 156, height: 52 }, bar, 1, true);
    expect(path).toBe("M 278 300 L 278 -60");
  });
});

describe("attachments routed out of their host", () => {
  const host = { x: 0, y: 200, width: 500, height: 250 };
  const node = { x: 186, y: 320, width: 156, height: 52 };

  it("leave through the gap beside the container and above the host, then curve to the network", () => {
    const path = routedAttachPath({ x: 264, y: 320 }, node, host, { x: 100, y: 52 }, 0);
    expect(path).toBe("M 264 320 L 264 312 L 183 312 L 183 190 C 183 142 100 100 100 52");
  });

  it("a parent interface goes straight up through the header, then curves to the network", () => {
    const path = routedAttachPath(
      { x: 78, y: 240 },
      { x: 0, y: 240, width: 156, height: 52 },
      host,
      { x: 100, y: 52 },
      1,
      true,
    );
    expect(path).toBe("M 78 240 L 78 186 C 78 138 100 100 100 52");
  });

  it("are not routed when the network is not above the host", () => {
    expect(routedAttachPath({ x: 264, y: 320 }, node, host, { x: 100, y: 400 }, 0)).toBeUndefined();
  });
});
