import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkTopologyData } from "../lib/topology/check";
import { entries } from "../lib/topology/model";
import type { Topology } from "../lib/topology/schema";
import { type FuzzEngine, fuzzDesignArb, fuzzDesigns } from "../lib/topology/testing/design-arbitrary";

const errorsOf = (design: Topology) =>
  checkTopologyData(design)
    .issues.filter((issue) => issue.severity === "error")
    .map((issue) => `${issue.path.join(".")}: ${issue.message}`);

describe.each(["20.10", "26"] as FuzzEngine[])("random lab designs for Docker %s", (engine) => {
  it("are all valid (0 invalid designs in 2000 seeds)", { timeout: 180_000 }, () => {
    fc.assert(
      fc.property(fuzzDesignArb({ engine }), (design) => {
        expect(errorsOf(design), JSON.stringify(design)).toEqual([]);
      }),
      { numRuns: 2000, seed: 42 },
    );
  });

  it("fit the lab: 2-5 hosts, at most 10 containers on 1-3 networks each, at most 4 networks", {
    timeout: 60_000,
  }, () => {
    for (const design of fuzzDesigns(7, 500, { engine })) {
      const hosts = Object.keys(design.hosts).length;
      expect(hosts).toBeGreaterThanOrEqual(2);
      expect(hosts).toBeLessThanOrEqual(5);
      expect(Object.keys(design.networks ?? {}).length).toBeLessThanOrEqual(4);
      const containers = entries(design.containers);
      expect(containers.length).toBeLessThanOrEqual(10);
      for (const [, container] of containers) {
        const count = Object.keys(container.networks).length;
        expect(count).toBeGreaterThanOrEqual(1);
        expect(count).toBeLessThanOrEqual(3);
      }
    }
  });

  it(engine === "26" ? "never draw a KV-store overlay (removed in Docker 23)" : "draw every kind of network", () => {
    const designs = fuzzDesigns(11, 400, { engine });
    const kinds = new Set(
      designs.flatMap((design) =>
        entries(design.networks).map(([, network]) =>
          network.driver === "overlay"
            ? typeof network.control === "object"
              ? "kv"
              : "swarm"
            : network.driver === "macvlan"
              ? Object.values(network.parent).some((parent) => parent.includes("."))
                ? "macvlan-vlan"
                : "macvlan"
              : network.driver === "bridge" && network.cross_host === "routed"
                ? "routed"
                : network.driver,
        ),
      ),
    );
    if (engine === "26") expect(kinds.has("kv")).toBe(false);
    else expect([...kinds].sort()).toEqual(["bridge", "kv", "macvlan", "macvlan-vlan", "ovs", "routed", "swarm"]);
  });

  it("are the same for the same seed (a run can be replayed)", () => {
    expect(fuzzDesigns(123, 5, { engine })).toEqual(fuzzDesigns(123, 5, { engine }));
  });
});
