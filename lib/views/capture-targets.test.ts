import { describe, expect, it } from "vitest";
import type { CapturePoint, TraceResult } from "../capture/types";
import { topologyToGraph } from "../graph/from-topology";
import { layoutKeys } from "../graph/keys";
import { loadExamples } from "../topology/testing/text";
import { captureElementOf, hopState, pointKey, pointsFor, traceMarks } from "./capture-targets";

const points: CapturePoint[] = [
  {
    id: "container:bbox-11",
    kind: "container",
    host: "node-1",
    iface: "eth0",
    container: "bbox-11",
    network: "mac_net11",
  },
  {
    id: "container:bbox-21",
    kind: "container",
    host: "node-2",
    iface: "eth0",
    container: "bbox-21",
    network: "mac_net11",
  },
  { id: "node-1:ens33", kind: "nic", host: "node-1", iface: "ens33" },
  { id: "node-1:ens33.10", kind: "vlan", host: "node-1", iface: "ens33.10", network: "mac_net11" },
  { id: "node-2:ens32.10", kind: "vlan", host: "node-2", iface: "ens32.10", network: "mac_net11" },
  { id: "wire:node-1", kind: "wire", host: "node-1", iface: "cn-sw-node-1" },
  { id: "node-1:br-x", kind: "bridge", host: "node-1", iface: "br-x", network: "br_net" },
];

it("offers a container's own point first for a container", () => {
  expect(pointsFor(points, { kind: "container", name: "bbox-11" }).map((p) => p.id)).toEqual(["container:bbox-11"]);
});

it("offers the VLAN sub-interface, then its NIC, then the wire for a VLAN", () => {
  expect(pointsFor(points, { kind: "vlan", host: "node-1", nic: "ens33", vid: 10 }).map((p) => p.id)).toEqual([
    "node-1:ens33.10",
    "node-1:ens33",
    "wire:node-1",
  ]);
});

it("offers the wire first for a host, then its devices, never its containers", () => {
  expect(pointsFor(points, { kind: "host", name: "node-1" }).map((p) => p.id)).toEqual([
    "wire:node-1",
    "node-1:ens33",
    "node-1:br-x",
    "node-1:ens33.10",
  ]);
});

it("offers a network's host devices before its containers", () => {
  expect(pointsFor(points, { kind: "network", name: "mac_net11" }).map((p) => p.id)).toEqual([
    "node-1:ens33.10",
    "node-2:ens32.10",
    "container:bbox-11",
    "container:bbox-21",
  ]);
});

it("offers nothing for an element the design gives no point", () => {
  expect(pointsFor(points, { kind: "container", name: "ghost" })).toEqual([]);
  expect(pointsFor(points, { kind: "parent", network: "mac_net12", host: "node-1" })).toEqual([]);
});

it("draws each point on its canvas element, the wire on its host", () => {
  expect(points.map(pointKey)).toEqual([
    "container:bbox-11",
    "container:bbox-21",
    "nic:node-1/ens33",
    "vlan:node-1/ens33.10",
    "vlan:node-2/ens32.10",
    "host:node-1",
    "network:br_net",
  ]);
});

it("marks every hop of a trace in order, the last one seen, and hops never seen", () => {
  const trace: TraceResult = {
    from: "bbox-11",
    to: "bbox-22",
    target: "172.16.12.12",
    verdict: "blocked",
    lastSeen: "wire:node-1",
    hops: [
      { at: "container:bbox-11", request: true, reply: false, layers: [] },
      { at: "node-1:ens33.10", request: true, reply: false, layers: [] },
      { at: "wire:node-1", request: true, reply: false, layers: [] },
      { at: "node-2:ens32.10", request: false, reply: false, layers: [] },
      { at: "unknown:point", request: false, reply: false, layers: [] },
    ],
  };
  expect(traceMarks(trace, points)).toEqual({
    "container:bbox-11": { order: 1, at: "container:bbox-11", state: "request", last: false },
    "vlan:node-1/ens33.10": { order: 2, at: "node-1:ens33.10", state: "request", last: false },
    "host:node-1": { order: 3, at: "wire:node-1", state: "request", last: true },
    "vlan:node-2/ens32.10": { order: 4, at: "node-2:ens32.10", state: "none", last: false },
  });
});

it("flags no last hop when the probe reached", () => {
  const reached: TraceResult = {
    from: "bbox-11",
    to: "bbox-21",
    target: "172.16.11.12",
    verdict: "reach",
    lastSeen: "container:bbox-21",
    hops: [{ at: "container:bbox-21", request: true, reply: true, layers: [] }],
  };
  expect(traceMarks(reached, points)["container:bbox-21"]?.last).toBe(false);
});

it("names a hop's state from what was seen there", () => {
  expect([
    hopState({ request: true, reply: true }),
    hopState({ request: false, reply: true }),
    hopState({ request: false, reply: false }),
  ]).toEqual(["both", "reply", "none"]);
});

it("offers a macvlan network's parent interfaces first when the caller names them", () => {
  const ids = pointsFor(points, {
    kind: "network",
    name: "mac_net11",
    parents: ["node-1:ens33.10", "node-1:ens33"],
  }).map((p) => p.id);
  expect(ids.slice(0, 3)).toEqual(["node-1:ens33", "node-1:ens33.10", "node-2:ens32.10"]);
});

describe("the design element behind a canvas element", () => {
  const example = loadExamples().find((e) => e.file === "macvlan-8021q.yaml")?.topology;
  if (!example) throw new Error("examples/macvlan-8021q.yaml is missing");
  const { graph } = topologyToGraph(example);
  const keys = layoutKeys(graph);
  const idOf = (key: string) => [...keys].find(([, k]) => k === key)?.[0] ?? "";

  it("names containers, hosts, NICs and VLANs with their host", () => {
    expect(captureElementOf(graph, idOf("container:bbox-11"))).toEqual({ kind: "container", name: "bbox-11" });
    expect(captureElementOf(graph, idOf("host:node-2"))).toEqual({ kind: "host", name: "node-2" });
    expect(captureElementOf(graph, idOf("nic:node-2/ens32"))).toEqual({ kind: "nic", host: "node-2", nic: "ens32" });
    expect(captureElementOf(graph, idOf("vlan:node-1/ens33.20"))).toEqual({
      kind: "vlan",
      host: "node-1",
      nic: "ens33",
      vid: 20,
    });
  });

  it("gives a macvlan network its parents and an attachment its container and network", () => {
    expect(captureElementOf(graph, idOf("network:mac_net11"))).toEqual({
      kind: "network",
      name: "mac_net11",
      parents: ["node-1:ens33.10", "node-2:ens32.10"],
    });
    expect(captureElementOf(graph, "attach:bbox-12->mac_net12")).toEqual({
      kind: "attach",
      container: "bbox-12",
      network: "mac_net12",
    });
    expect(captureElementOf(graph, "parent:mac_net12@node-2")).toEqual({
      kind: "vlan",
      host: "node-2",
      nic: "ens32",
      vid: 20,
    });
    expect(captureElementOf(graph, "nothing")).toBeNull();
  });
});
