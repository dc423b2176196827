import { describe, expect, it } from "vitest";
import { getInventoryByName } from "../store/inventories";
import { listPingCells } from "../store/ping-cells";
import { getRun } from "../store/runs";
import { openTestStore } from "../store/testing";
import { getTopologyByName, listTopologyVersions } from "../store/topologies";
import { finishProbeRun, startProbeRun } from "./record";
import type { ProbeReport } from "./run-probe";
import { DEFAULT_PROBE_SETTINGS } from "./settings";
import type { ProbeCell } from "./types";

const cell: ProbeCell = {
  from: "bbox-1",
  to: "bbox-2",
  by: "ip",
  target: "10.0.0.12",
  network: "mac_net1",
  host: "node-1",
  expected: "reach",
  reasonCode: "macvlan-same-segment",
  reason: "same macvlan network mac_net1",
  actual: "blocked",
  sent: 3,
  received: 0,
  lossPct: 100,
  rttMs: null,
  verdict: "fail",
  diagnosis: "parent NIC ens33 of node-2 is not promiscuous (ip link set ens33 promisc on)",
  error: null,
  rawOutput: "3 packets transmitted, 0 packets received, 100% packet loss",
  command: "nsenter --net=/proc/4242/ns/net -- ping -4 -n -q -c 3 -i 0.2 -W 1 -w 1 -- 10.0.0.12",
  attempts: 2,
};

const report = (cells: ProbeCell[], extra: Partial<ProbeReport> = {}): ProbeReport => ({
  runId: "ignored",
  cells,
  summary: { pass: 0, fail: cells.length, durationMs: 812 },
  cancelled: false,
  unreachable: [],
  settings: DEFAULT_PROBE_SETTINGS,
  timings: { prepareMs: 50, probeMs: 762 },
  ...extra,
});

describe("recording a ping run", () => {
  const context = {
    topology: { name: "macvlan", document: "name: macvlan\n" },
    inventory: { name: "data/lab/inventory.yaml", document: "hosts: {}\n" },
    who: "cli:root",
    settings: { by: "both", count: 3 },
  };

  it("ties the run to the design's version and the inventory, and stores every cell", () => {
    const store = openTestStore();
    const started = startProbeRun(store, context);
    if (!started.ok) throw new Error(started.error.message);
    expect(started.value).toMatchObject({
      kind: "ping",
      status: "running",
      who: "cli:root",
      settings: context.settings,
    });
    const topology = getTopologyByName(store, "macvlan");
    expect(listTopologyVersions(store, topology?.id ?? "").map((v) => v.id)).toEqual([started.value.topologyVersionId]);
    expect(started.value.inventoryId).toBe(getInventoryByName(store, "data/lab/inventory.yaml")?.id);

    const finished = finishProbeRun(store, started.value.id, report([cell]));
    expect(finished).toMatchObject({
      ok: true,
      value: { status: "done", summary: { pass: 0, fail: 1, durationMs: 812, unreachable: [] } },
    });
    expect(listPingCells(store, started.value.id)).toEqual([
      expect.objectContaining({
        from: "bbox-1",
        target: "10.0.0.12",
        actual: "blocked",
        verdict: "fail",
        diagnosis: cell.diagnosis,
        network: "mac_net1",
        command: cell.command,
        attempts: 2,
        rttMinMs: null,
      }),
    ]);
  });

  it("reuses an unchanged design version and marks partial and cancelled runs", () => {
    const store = openTestStore();
    const first = startProbeRun(store, context);
    const second = startProbeRun(store, context);
    if (!first.ok || !second.ok) throw new Error("start failed");
    expect(second.value.topologyVersionId).toBe(first.value.topologyVersionId);
    finishProbeRun(store, first.value.id, report([], { unreachable: [{ host: "node-2", error: "timed out" }] }));
    finishProbeRun(store, second.value.id, report([], { cancelled: true }));
    expect(getRun(store, first.value.id)?.status).toBe("partial");
    expect(getRun(store, second.value.id)?.status).toBe("cancelled");
  });
});
