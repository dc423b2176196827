import { beforeAll, describe, expect, it } from "vitest";
import type { LabEngine } from "../lab/index";
import type { Topology } from "../topology/schema";
import type { ProbeReport } from "./run-probe";
import {
  cellOfReport,
  failuresOf,
  LAB_WAIT,
  type LabDesignSession,
  labPerSuite,
  loadExample,
} from "./testing/lab-design";

/**
 * The tutorial's experiments on the embedded lab: lab up --for the example, apply, ping the whole
 * matrix by IP and by name; every verdict must pass, and the tutorial's own observations hold cell
 * by cell. Needs Linux and root (fails, not skips, without them). Waits while another lab is up.
 */

/**
 * One example on its own lab, every host on Docker `docker`: built before, pinged once, taken down after.
 * Every example runs on 26 except the KV overlay (26 has no --cluster-store), which runs on 20.10;
 * macvlan runs on both (lib/exec/examples.lab.test.ts covers more of 20.10).
 */
function onLab(name: string, docker: LabEngine, topology: Topology = loadExample(name)) {
  const lab = labPerSuite("the probe lab tests", topology, { docker });
  const state: { report?: ProbeReport } = {};
  beforeAll(async () => {
    state.report = await lab().ping(topology);
  }, LAB_WAIT);
  return {
    get report(): ProbeReport {
      if (!state.report) throw new Error("the lab did not come up");
      return state.report;
    },
    get session(): LabDesignSession {
      return lab();
    },
  };
}

describe.each(["26", "20.10"] as const)("Docker %s: macvlan across two hosts (tutorial 4.2)", (docker) => {
  const lab = onLab("macvlan", docker);

  it("passes every cell", () => {
    expect(failuresOf(lab.report)).toEqual([]);
    expect(lab.report.cells).toHaveLength(4);
  });

  it("reaches by IP across hosts, and says 'bad address' by name", () => {
    expect(cellOfReport(lab.report, "bbox-1", "bbox-2", "ip")).toMatchObject({
      target: "10.0.0.12",
      actual: "reach",
      received: 3,
    });
    expect(cellOfReport(lab.report, "bbox-1", "bbox-2", "name")).toMatchObject({
      actual: "blocked",
      error: "ping: bad address 'bbox-2'",
      reasonCode: "dns-macvlan-across-hosts",
    });
    expect(cellOfReport(lab.report, "bbox-2", "bbox-1", "ip").rttMs?.avg).toBeGreaterThan(0);
  });
});

describe("Docker 26: macvlan on VLAN 10/20 sub-interfaces (tutorial 4.3)", () => {
  const lab = onLab("macvlan-8021q", "26");

  it("passes every cell", () => {
    expect(failuresOf(lab.report)).toEqual([]);
  });

  it("reaches within a VLAN across hosts; VLAN 10 and 20 stay isolated", () => {
    for (const [from, to] of [
      ["bbox-11", "bbox-21"],
      ["bbox-21", "bbox-11"],
      ["bbox-12", "bbox-22"],
    ] as const)
      expect(cellOfReport(lab.report, from, to, "ip"), `${from} → ${to}`).toMatchObject({ actual: "reach" });
    for (const [from, to] of [
      ["bbox-11", "bbox-22"],
      ["bbox-12", "bbox-21"],
      ["bbox-11", "bbox-12"],
    ] as const)
      expect(cellOfReport(lab.report, from, to, "ip"), `${from} → ${to}`).toMatchObject({
        actual: "blocked",
        verdict: "pass",
        received: 0,
      });
    expect(cellOfReport(lab.report, "bbox-11", "bbox-22", "ip").reasonCode).toBe("vlans-not-routed");
  });
});

describe("Docker 26: overlay in swarm mode (tutorial 5, today's way)", () => {
  const lab = onLab("overlay-swarm", "26");

  it("passes every cell, and reaches by name across hosts", () => {
    expect(failuresOf(lab.report)).toEqual([]);
    expect(cellOfReport(lab.report, "bbox-1", "bbox-2", "name")).toMatchObject({ actual: "reach" });
    expect(cellOfReport(lab.report, "bbox-2", "bbox-1", "name")).toMatchObject({ actual: "reach" });
  });

  it("pings the overlay addresses read from the hosts, never docker_gwbridge's", () => {
    const targets = lab.report.cells.filter((cell) => cell.by === "ip").map((cell) => cell.target);
    expect(targets).toHaveLength(2);
    for (const target of targets) {
      expect(target).toMatch(/^10\.0\.\d+\.\d+$/);
      expect(target).not.toMatch(/^172\.18\./);
    }
  });
});

describe("Docker 20.10: overlay through a KV store (tutorial 5.2-5.5)", () => {
  const lab = onLab("overlay-kv", "20.10");

  it("passes every cell; bbox-1 got 10.0.0.2 and bbox-2 10.0.0.3, and they reach each other", () => {
    expect(failuresOf(lab.report)).toEqual([]);
    expect(cellOfReport(lab.report, "bbox-2", "bbox-1", "ip")).toMatchObject({ target: "10.0.0.2", actual: "reach" });
    expect(cellOfReport(lab.report, "bbox-1", "bbox-2", "ip")).toMatchObject({ target: "10.0.0.3", actual: "reach" });
  });
});

describe("Docker 26: bridges routed between hosts (tutorial 1)", () => {
  const lab = onLab("bridge-routed", "26");

  it("passes every cell: by IP across the routed bridges, not by name", () => {
    expect(failuresOf(lab.report)).toEqual([]);
    expect(cellOfReport(lab.report, "bbox-1", "bbox-2", "ip")).toMatchObject({
      actual: "reach",
      reasonCode: "routed-bridge",
    });
    expect(cellOfReport(lab.report, "bbox-2", "bbox-1", "ip").target).toMatch(/^172\.20\.1\./);
    expect(cellOfReport(lab.report, "bbox-1", "bbox-2", "name")).toMatchObject({
      actual: "blocked",
      reasonCode: "dns-bridge-across-hosts",
    });
  });
});

describe("Docker 26: overlay isolation, then docker network connect (tutorial 5.6)", () => {
  const full = loadExample("overlay-isolation");
  const bbox3 = full.containers?.["bbox-3"];
  if (!bbox3) throw new Error("overlay-isolation has no bbox-3");
  /** The tutorial's first step: bbox-3 only on ov_net2 (same design name, so applying the full one connects it). */
  const variant: Topology = {
    ...full,
    containers: { ...full.containers, "bbox-3": { ...bbox3, networks: { ov_net2: {} } } },
  };
  const lab = onLab("overlay-isolation", "26", variant);
  let connected: ProbeReport | undefined;

  it("before: every cell passes, and bbox-3 cannot reach bbox-1 (different overlays are isolated)", () => {
    expect(failuresOf(lab.report)).toEqual([]);
    expect(cellOfReport(lab.report, "bbox-3", "bbox-1", "ip")).toMatchObject({
      actual: "blocked",
      reasonCode: "overlay-isolated",
    });
    expect(cellOfReport(lab.report, "bbox-3", "bbox-1", "name")).toMatchObject({ actual: "blocked" });
    expect(cellOfReport(lab.report, "bbox-1", "bbox-2", "name")).toMatchObject({ actual: "reach" });
  });

  it("after applying the full design (docker network connect ov_net1 bbox-3): bbox-3 reaches bbox-1", async () => {
    const applied = await lab.session.apply(full);
    expect(applied.plan.steps.map((step) => step.kind)).toContain("connect-network");
    expect(applied).toMatchObject({ status: "done", converged: true });
    connected = await lab.session.ping(full);
    expect(failuresOf(connected)).toEqual([]);
    expect(cellOfReport(connected, "bbox-3", "bbox-1", "ip", "ov_net1")).toMatchObject({ actual: "reach" });
    expect(cellOfReport(connected, "bbox-3", "bbox-1", "name")).toMatchObject({ actual: "reach" });
    expect(cellOfReport(connected, "bbox-1", "bbox-3", "ip", "ov_net2")).toMatchObject({
      actual: "blocked",
      reasonCode: "overlay-isolated",
    });
  });
});
