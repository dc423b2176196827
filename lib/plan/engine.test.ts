import { describe, expect, it } from "vitest";
import { example } from "../topology/testing/text";
import { CLUSTER_STORE_REMOVED_IN, engineMajor, hasClusterStore } from "./engine";
import { freshHost, type Observed } from "./observed";
import { planTopology } from "./plan";
import { appliedSnapshot } from "./testing/applied-snapshot";

const kvDesign = example("overlay-kv.yaml");
const ENGINE_26 = { version: "26.1.5+dfsg1", apiVersion: "1.45" };
const ENGINE_20 = { version: "20.10.24+dfsg1", apiVersion: "1.41" };

/** Fresh hosts of the KV design, each with the given engine. */
function freshWith(engines: Record<string, typeof ENGINE_26 | undefined>): Observed {
  const observed: Observed = {};
  for (const host of Object.keys(kvDesign.hosts)) {
    const snapshot = freshHost(host);
    const engine = engines[host];
    if (engine) snapshot.docker.engine = engine;
    observed[host] = snapshot;
  }
  return observed;
}

describe("plan by observed engine", () => {
  it("reads the major version; only engines before 23 keep --cluster-store; unknown ones are not guessed", () => {
    expect(engineMajor(ENGINE_26)).toBe(26);
    expect(engineMajor({ version: "x", apiVersion: "1.45" })).toBeUndefined();
    expect(hasClusterStore(ENGINE_20)).toBe(true);
    expect(hasClusterStore({ version: "22.06.0", apiVersion: "1.42" })).toBe(true);
    expect(hasClusterStore({ version: `${CLUSTER_STORE_REMOVED_IN}.0.0`, apiVersion: "1.42" })).toBe(false);
    expect(hasClusterStore(undefined)).toBe(true);
  });

  it("refuses a KV-store overlay on a Docker 26 host: a conflict with the network's path, the host and version, pointing to swarm", () => {
    const plan = planTopology(kvDesign, freshWith({ "node-1": ENGINE_20, "node-2": ENGINE_20, "node-3": ENGINE_26 }));
    expect(plan.conflicts.map((conflict) => [conflict.host, conflict.resourceId])).toEqual([
      ["node-3", "network:ov_net1@node-3"],
    ]);
    const [conflict] = plan.conflicts;
    expect(conflict?.message.en).toBe(
      "networks.ov_net1.control: the KV-store overlay 'ov_net1' cannot run on node-3: it runs Docker 26.1.5+dfsg1 (API 1.45), and --cluster-store was removed in Docker 23",
    );
    expect(conflict?.hint.en).toContain("control: swarm");
    // No daemon.json with a cluster store for the 26 host (its dockerd would not start again), still for node-2.
    const daemonHosts = plan.steps.filter((step) => step.kind === "set-cluster-store").map((step) => step.host);
    expect(daemonHosts).toEqual(["node-2"]);
  });

  it("plans a KV-store overlay as before on Docker 20.10 and on hosts whose engine is unknown", () => {
    const on20 = planTopology(kvDesign, freshWith({ "node-1": ENGINE_20, "node-2": ENGINE_20, "node-3": ENGINE_20 }));
    const unknown = planTopology(kvDesign, freshWith({}));
    expect(on20.conflicts).toEqual([]);
    expect(on20.steps).toEqual(unknown.steps);
    expect(on20.steps.filter((step) => step.kind === "set-cluster-store").map((step) => step.host)).toEqual([
      "node-2",
      "node-3",
    ]);
  });

  it("keeps the commands of every other example identical on 20.10 and 26", () => {
    for (const file of ["overlay-swarm.yaml", "macvlan-8021q.yaml", "bridge-routed.yaml"]) {
      const design = example(file);
      const withEngine = (engine: typeof ENGINE_26) => {
        const observed: Observed = {};
        for (const host of Object.keys(design.hosts)) {
          const snapshot = freshHost(host);
          snapshot.docker.engine = engine;
          observed[host] = snapshot;
        }
        return planTopology(design, observed);
      };
      expect(withEngine(ENGINE_26)).toEqual(withEngine(ENGINE_20));
      expect(planTopology(design, appliedSnapshot(design)).steps).toEqual([]);
    }
  });
});
