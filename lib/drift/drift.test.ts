import { expect, it } from "vitest";
import { plain, render, type Text, t } from "../i18n/text";
import { LABEL_KEY } from "../plan/commands";
import type { HostSnapshot, Observed } from "../plan/observed";
import { planTopology } from "../plan/plan";
import { appliedSnapshot } from "../plan/testing/applied-snapshot";
import type { Topology } from "../topology/schema";
import { loadExamples } from "../topology/testing/text";
import { type DriftMark, describeDriftText, driftOf, parseResourceId, renderDriftReasons } from "./drift";

const examples = new Map(loadExamples().map(({ file, topology }) => [file, topology]));
function example(file: string): Topology {
  const topology = examples.get(file);
  if (!topology) throw new Error(`no example ${file}`);
  return topology;
}

/** A mark with its reasons in English, as a person reading the canvas in English sees them. */
function inEnglish(mark: DriftMark | undefined): { state: string; reasons: string[] } | undefined {
  return mark && { state: mark.state, reasons: mark.reasons.map((reason: Text) => reason.en) };
}

function drifted(topology: Topology, host: string, change: (snapshot: HostSnapshot) => void): Observed {
  const observed = structuredClone(appliedSnapshot(topology));
  const snapshot = observed[host];
  if (!snapshot) throw new Error(`no host ${host}`);
  change(snapshot);
  return observed;
}

const macvlan = example("macvlan.yaml");

/** node-1 also runs `old-box`, a container Crossnet made for this design that the design no longer has. */
function withOldBox(): Observed {
  return drifted(macvlan, "node-1", (snapshot) => {
    snapshot.docker.containers.push({
      id: "f".repeat(64),
      name: "old-box",
      image: "busybox",
      running: true,
      labels: { [LABEL_KEY]: macvlan.name },
      networks: {},
    });
  });
}

it("hosts that match the design are in sync", () => {
  const report = driftOf(macvlan, planTopology(macvlan, appliedSnapshot(macvlan)));
  expect(report.inSync).toBe(true);
  expect(report.marks).toEqual({});
  expect(describeDriftText(report).en).toBe("in sync: the hosts match the design");
});

it("fresh hosts: every container and network is missing, NICs changed (not promiscuous)", () => {
  const report = driftOf(macvlan, planTopology(macvlan, {}));
  expect(inEnglish(report.marks["container:bbox-1"])).toEqual({ state: "missing", reasons: ["missing"] });
  expect(inEnglish(report.marks["network:mac_net1"])).toEqual({
    state: "missing",
    reasons: ["missing on node-1", "missing on node-2"],
  });
  expect(report.marks["nic:node-1/ens33"]?.state).toBe("changed");
  expect(inEnglish(report.marks["nic:node-1/ens33"])?.reasons).toContain("not promiscuous");
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
  expect(inEnglish(report.marks["container:bbox-2"])).toEqual({ state: "changed", reasons: ["stopped"] });
});

it("a labelled container the design does not have is extra, marked on its host", () => {
  const observed = withOldBox();
  const report = driftOf(macvlan, planTopology(macvlan, observed));
  expect(inEnglish(report.marks["host:node-1"])).toEqual({
    state: "extra",
    reasons: ["container old-box: not in design"],
  });
  expect(report.counts.extra).toBe(1);
});

it("an unreachable host is marked unreachable on its host node", () => {
  const observed = drifted(macvlan, "node-2", (snapshot) => {
    snapshot.reachable = false;
    snapshot.error = "connect ECONNREFUSED";
  });
  const report = driftOf(macvlan, planTopology(macvlan, observed));
  expect(report.marks["host:node-2"]?.state).toBe("unreachable");
  expect(report.marks["host:node-2"]?.reasons[0]?.en).toContain("ECONNREFUSED");
});

it("a lost second network marks the attachment and its container", () => {
  const isolation = example("overlay-isolation.yaml");
  const observed = drifted(isolation, "node-2", (snapshot) => {
    const bbox = snapshot.docker.containers.find((c) => c.name === "bbox-3");
    if (bbox) delete bbox.networks.ov_net1;
  });
  const report = driftOf(isolation, planTopology(isolation, observed, { kvProvided: true }));
  expect(report.marks["attach:bbox-3->ov_net1"]?.state).toBe("changed");
  expect(inEnglish(report.marks["container:bbox-3"])?.reasons).toEqual(["ov_net1: not attached"]);
});

it("drift reasons are Texts: the same reasons read in English and in Chinese", () => {
  const fresh = driftOf(macvlan, planTopology(macvlan, {}));
  const network = fresh.marks["network:mac_net1"];
  if (!network) throw new Error("no mark for mac_net1");
  expect(network.reasons.map((reason) => render(reason, "en"))).toEqual(["missing on node-1", "missing on node-2"]);
  expect(network.reasons.map((reason) => render(reason, "zh-CN"))).toEqual(["node-1 上缺失", "node-2 上缺失"]);
  expect(renderDriftReasons(network, "en")).toBe("missing on node-1; missing on node-2");
  expect(renderDriftReasons(network, "zh-CN")).toBe("node-1 上缺失；node-2 上缺失");
  const nic = fresh.marks["nic:node-1/ens33"];
  if (!nic) throw new Error("no mark for ens33");
  expect(renderDriftReasons(nic, "zh-CN")).toContain("未开启混杂模式");

  const observed = withOldBox();
  const extra = driftOf(macvlan, planTopology(macvlan, observed)).marks["host:node-1"];
  if (!extra) throw new Error("no mark for node-1");
  expect(renderDriftReasons(extra, "zh-CN")).toBe("容器 old-box：设计中没有");
  expect(renderDriftReasons(extra, "en")).toBe("container old-box: not in design");
});

it("a lost second network's reason on its container reads in Chinese too", () => {
  const isolation = example("overlay-isolation.yaml");
  const observed = drifted(isolation, "node-2", (snapshot) => {
    const bbox = snapshot.docker.containers.find((c) => c.name === "bbox-3");
    if (bbox) delete bbox.networks.ov_net1;
  });
  const report = driftOf(isolation, planTopology(isolation, observed, { kvProvided: true }));
  const container = report.marks["container:bbox-3"];
  if (!container) throw new Error("no mark for bbox-3");
  expect(renderDriftReasons(container, "zh-CN")).toBe("ov_net1：未接入");
});

it("missing or changed is read from the step's structured flag, not from its cause's words", () => {
  const plan = planTopology(macvlan, {});
  const run = plan.steps.find(
    (step) => step.kind === "run-container" && step.resourceId.startsWith("container:bbox-1"),
  );
  if (!run) throw new Error("no run-container step for bbox-1");
  expect(run.missing).toBe(true);
  // The same step, its cause reworded: still missing, because the plan says it creates what is absent.
  const reworded = { ...run, cause: t`absent from ${run.host}` };
  expect(driftOf(macvlan, { steps: [reworded], conflicts: [] }).marks["container:bbox-1"]?.state).toBe("missing");
  // A cause that reads "missing" but without the flag is a difference to fix, not an absence.
  const { missing: _flag, ...unflagged } = run;
  const worded = { ...unflagged, cause: plain("missing") };
  expect(driftOf(macvlan, { steps: [worded], conflicts: [] }).marks["container:bbox-1"]?.state).toBe("changed");
});

it("a mark's reasons are deduplicated and in the same order in every locale", () => {
  const plan = planTopology(macvlan, {});
  const doubled = { steps: [...plan.steps, ...structuredClone(plan.steps)], conflicts: plan.conflicts };
  const once = driftOf(macvlan, plan);
  const twice = driftOf(macvlan, doubled);
  for (const [key, mark] of Object.entries(once.marks)) {
    expect(twice.marks[key]?.reasons).toEqual(mark.reasons);
    const english = mark.reasons.map((reason) => reason.en);
    expect(english).toEqual([...english].sort());
  }
  const reversed = driftOf(macvlan, { steps: [...plan.steps].reverse(), conflicts: plan.conflicts });
  expect(JSON.stringify(reversed.marks)).toBe(JSON.stringify(once.marks));
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
