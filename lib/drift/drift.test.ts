import { expect, it } from "vitest";
import { LABEL_KEY } from "../plan/commands";
import type { HostSnapshot, Observed } from "../plan/observed";
import { planTopology } from "../plan/plan";
import { appliedSnapshot } from "../plan/testing/applied-snapshot";
import type { Topology } from "../topology/schema";
import { loadExamples } from "../topology/testing/text";
import { describeDriftText, driftOf, parseResourceId } from "./drift";

const examples = new Map(loadExamples().map(({ file, topology }) => [file, topology]));
function example(file: string): Topology {
  const topology = examples.get(file);
  if (!topology) throw new Error(`no example ${file}`);
  return topology;
}

function drifted(topology: Topology, host: string, change: (snapshot: HostSnapshot) => void): Observed {
  const observed = structuredClone(appliedSnapshot(topology));
  const snapshot = observed[host];
  if (!snapshot) throw new Error(`no host ${host}`);
  change(snapshot);
  return observed;
}

const macvlan = example("macvlan.yaml");

it("hosts that match the design are in sync", () => {
  const report = driftOf(macvlan, planTopology(macvlan, appliedSnapshot(macvlan)));
  expect(report.inSync).toBe(true);
  expect(report.marks).toEqual({});
  expect(describeDriftText(report).en).toBe("in sync: the hosts match the design");
});

it("fresh hosts: every container and network is missing, NICs changed (not promiscuous)", () => {
  const report = driftOf(macvlan, planTopology(macvlan, {}));
  expect(report.marks["container:bbox-1"]).toEqual({ state: "missing", reasons: ["missing"] });
  expect(report.marks["network:mac_net1"]).toEqual({
    state: "missing",
    reasons: ["missing on node-1", "missing on node-2"],
  });
  expect(report.marks["nic:node-1/ens33"]?.state).toBe("changed");
  expect(report.marks["nic:node-1/ens33"]?.reasons).toContain("not promiscuous");
});

it("a container deleted by hand is missing; only that one", () => {
  const observed = drifted(macvlan, "node-2", (snapshot) => {
    snapshot.docker.containers = snapshot.docker.containers.filter((c) => c.name !== "bbox-2");
  });
  const report = driftOf(macvlan, planTopology(macvlan, observed));
  expect(Object.keys(report.marks)).toEqual(["container:bbox-2"]);
  expect(report.marks["container:bbox-2"]?.state).toBe("missing");
  expect(describeDriftText(report).en).toBe("1 missing");
});

it("a stopped container is changed, with the cause as its reason", () => {
  const observed = drifted(macvlan, "node-2", (snapshot) => {
    const bbox = snapshot.docker.containers.find((c) => c.name === "bbox-2");
    if (bbox) bbox.running = false;
  });
  const report = driftOf(macvlan, planTopology(macvlan, observed));
  expect(report.marks["container:bbox-2"]).toEqual({ state: "changed", reasons: ["stopped"] });
});

it("a labelled container the design does not have is extra, marked on its host", () => {
  const observed = drifted(macvlan, "node-1", (snapshot) => {
    snapshot.docker.containers.push({
      id: "f".repeat(64),
      name: "old-box",
      image: "busybox",
      running: true,
      labels: { [LABEL_KEY]: macvlan.name },
      networks: {},
    });
  });
  const report = driftOf(macvlan, planTopology(macvlan, observed));
  expect(report.marks["host:node-1"]).toEqual({ state: "extra", reasons: ["container old-box: not in design"] });
  expect(report.counts.extra).toBe(1);
});

it("an unreachable host is marked unreachable on its host node", () => {
  const observed = drifted(macvlan, "node-2", (snapshot) => {
    snapshot.reachable = false;
    snapshot.error = "connect ECONNREFUSED";
  });
  const report = driftOf(macvlan, planTopology(macvlan, observed));
  expect(report.marks["host:node-2"]?.state).toBe("unreachable");
  expect(report.marks["host:node-2"]?.reasons[0]).toContain("ECONNREFUSED");
});

it("a lost second network marks the attachment and its container", () => {
  const isolation = example("overlay-isolation.yaml");
  const observed = drifted(isolation, "node-2", (snapshot) => {
    const bbox = snapshot.docker.containers.find((c) => c.name === "bbox-3");
    if (bbox) delete bbox.networks.ov_net1;
  });
  const report = driftOf(isolation, planTopology(isolation, observed, { kvProvided: true }));
  expect(report.marks["attach:bbox-3->ov_net1"]?.state).toBe("changed");
  expect(report.marks["container:bbox-3"]?.reasons).toEqual(["ov_net1: not attached"]);
});

it("the same plan gives the same report", () => {
  const plan = planTopology(macvlan, {});
  expect(JSON.stringify(driftOf(macvlan, plan))).toBe(JSON.stringify(driftOf(macvlan, structuredClone(plan))));
});

it("resource ids split into kind, name, host and network", () => {
  expect(parseResourceId("container:bbox-1@node-1:mac_net1", "x")).toEqual({
    type: "container",
    name: "bbox-1",
    host: "node-1",
    network: "mac_net1",
  });
  expect(parseResourceId("vlan:ens33.10@node-1", "x")).toEqual({
    type: "vlan",
    nic: "ens33",
    vid: "10",
    host: "node-1",
  });
  expect(parseResourceId("daemon@node-3", "x")).toEqual({ type: "host", host: "node-3", label: "daemon" });
  expect(parseResourceId("host:node-2", "node-2")).toEqual({ type: "host", host: "node-2", label: "host" });
});
