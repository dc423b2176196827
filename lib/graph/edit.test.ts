import { describe, expect, it } from "vitest";
import { render } from "../i18n/text";
import { checkGraph } from "./check-graph";
import { checkConnection } from "./connect";
import { addNode, connect, removeElements, setNetworkDriver, setParent, updateEdgeData, updateNodeData } from "./edit";
import { emptyGraph, exampleGraph } from "./test-graphs";
import { graphToTopology } from "./to-topology";
import type { Graph } from "./types";

function added(graph: Graph, request: Parameters<typeof addNode>[1]): { graph: Graph; id: string } {
  const result = addNode(graph, request);
  if (!result.ok) throw new Error(render(result.reason, "en"));
  return { graph: result.graph, id: result.nodeId };
}

describe("building a design from an empty canvas", () => {
  it("gives fresh names and the design the tutorial writes by hand", () => {
    let g = emptyGraph("macvlan");
    const h1 = added(g, { kind: "host" });
    g = h1.graph;
    const h2 = added(g, { kind: "host" });
    g = h2.graph;
    const n1 = added(g, { kind: "nic", hostId: h1.id });
    g = n1.graph;
    const n2 = added(g, { kind: "nic", hostId: h2.id });
    g = n2.graph;
    const net = added(g, { kind: "network", driver: "macvlan" });
    g = net.graph;
    const c1 = added(g, { kind: "container", hostId: h1.id });
    g = c1.graph;
    const c2 = added(g, { kind: "container", hostId: h2.id });
    g = c2.graph;
    for (const [a, b] of [
      [net.id, n1.id],
      [net.id, n2.id],
      [c1.id, net.id],
      [c2.id, net.id],
    ] as const) {
      const check = checkConnection(g, { source: a, target: b });
      if (!check.ok) throw new Error(render(check.reason, "en"));
      g = connect(g, check);
    }
    expect(graphToTopology(g).topology).toEqual({
      name: "macvlan",
      hosts: { "node-1": { nics: { eth0: {} } }, "node-2": { nics: { eth0: {} } } },
      networks: { mac_net1: { driver: "macvlan", parent: { "node-1": "eth0", "node-2": "eth0" } } },
      containers: {
        "bbox-1": { host: "node-1", image: "busybox", networks: { mac_net1: {} } },
        "bbox-2": { host: "node-2", image: "busybox", networks: { mac_net1: {} } },
      },
    });
  });

  it("refuses a child outside a host, and a VLAN on a host without NIC", () => {
    const refused = addNode(emptyGraph(), { kind: "container", hostId: "nope" });
    expect(!refused.ok && render(refused.reason, "en")).toBe("Put a container inside a host.");
    const h = added(emptyGraph(), { kind: "host" });
    expect(addNode(h.graph, { kind: "vlan", hostId: h.id })).toMatchObject({ ok: false });
  });

  it("numbers VLANs 10, 20 on the host's first NIC", () => {
    const h = added(emptyGraph(), { kind: "host" });
    const n = added(h.graph, { kind: "nic", hostId: h.id });
    const v1 = added(n.graph, { kind: "vlan", hostId: h.id });
    const v2 = added(v1.graph, { kind: "vlan", hostId: h.id });
    expect(graphToTopology(v2.graph).topology.hosts["node-1"]).toEqual({
      nics: { eth0: { vlans: { 10: {}, 20: {} } } },
    });
  });
});

describe("removeElements", () => {
  it("takes a host's children and every edge touching them", () => {
    const g = removeElements(exampleGraph("macvlan-8021q"), ["host:node-1"]);
    expect(g.nodes.some((node) => node.parentId === "host:node-1")).toBe(false);
    expect(graphToTopology(g).topology.networks?.mac_net11).toMatchObject({ parent: { "node-2": "ens32.10" } });
    expect(Object.keys(graphToTopology(g).topology.containers ?? {})).toEqual(["bbox-21", "bbox-22"]);
  });

  it("takes a NIC's VLANs with it, but never a trunk edge alone", () => {
    const base = exampleGraph("macvlan-8021q");
    expect(removeElements(base, ["nic:node-1/ens33"]).nodes.some((n) => n.id === "vlan:node-1/ens33.10")).toBe(false);
    expect(removeElements(base, [], ["trunk:node-1/ens33.10"]).edges).toHaveLength(base.edges.length);
  });
});

describe("edits show up as issues on the element and field", () => {
  it("a container IP outside the subnet points at the attachment's ip field, and goes when fixed", () => {
    const base = exampleGraph("macvlan");
    const wrong = updateEdgeData(base, "attach:bbox-1->mac_net1", { kind: "attach", ip: "10.9.0.11" });
    const issue = checkGraph(wrong).issues.find((i) => i.code === "ip-outside-subnet");
    expect(issue).toMatchObject({ elementId: "attach:bbox-1->mac_net1", field: "ip" });
    const fixed = updateEdgeData(wrong, "attach:bbox-1->mac_net1", { kind: "attach", ip: "10.0.0.11" });
    expect(checkGraph(fixed).issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("a hostile network name is refused on the name field", () => {
    const base = exampleGraph("macvlan");
    const node = base.nodes.find((n) => n.id === "network:mac_net1");
    if (node?.type !== "network") throw new Error("no network");
    const hostile = updateNodeData(base, node.id, { ...node.data, name: "x; touch /tmp/pwned" });
    const issue = checkGraph(hostile).issues.find((i) => i.code === "invalid-name");
    expect(issue).toMatchObject({ elementId: "network:mac_net1", field: "name" });
    expect(issue?.message.en).toContain("network name 'x; touch /tmp/pwned' contains ';', which is not allowed");
  });

  it("duplicate names are reported on the later element", () => {
    const base = exampleGraph("macvlan");
    const g = updateNodeData(base, "host:node-2", { kind: "host", name: "node-1" });
    expect(checkGraph(g).issues[0]).toMatchObject({ code: "duplicate-name", elementId: "host:node-2" });
  });

  it("switching a macvlan network to bridge drops its parent links", () => {
    const g = setNetworkDriver(exampleGraph("macvlan"), "network:mac_net1", "bridge");
    expect(g.edges.some((edge) => edge.type === "parent")).toBe(false);
    expect(graphToTopology(g).topology.networks?.mac_net1).toEqual({
      driver: "bridge",
      subnet: "10.0.0.0/24",
      gateway: "10.0.0.1",
    });
  });

  it("setParent replaces the parent on one host", () => {
    const g = setParent(exampleGraph("macvlan-8021q"), "network:mac_net11", "host:node-1", "vlan:node-1/ens33.20");
    expect(graphToTopology(g).topology.networks?.mac_net11).toMatchObject({
      parent: { "node-2": "ens32.10", "node-1": "ens33.20" },
    });
  });
});

describe("dropping a child onto a host", () => {
  it("keeps the drop position when free, and moves to a free slot when it would cover a sibling", () => {
    const h = added(emptyGraph(), { kind: "host" });
    const n = added(h.graph, { kind: "nic", hostId: h.id, position: { x: 14, y: 40 } });
    const nic = n.graph.nodes.find((node) => node.id === n.id);
    expect(nic?.position).toEqual({ x: 14, y: 40 });
    const c = added(n.graph, { kind: "container", hostId: h.id, position: { x: 20, y: 50 } });
    const container = c.graph.nodes.find((node) => node.id === c.id);
    expect(container?.position.y).toBeGreaterThanOrEqual(40 + 52);
  });
});
