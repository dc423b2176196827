import { describe, expect, it } from "vitest";
import { render } from "../i18n/text";
import { checkConnection } from "./connect";
import { exampleGraph } from "./test-graphs";

const graph = exampleGraph("macvlan-8021q");

describe("checkConnection", () => {
  it("attaches a container to a network in either direction", () => {
    const expected = { ok: true, kind: "attach", source: "container:bbox-11", target: "network:mac_net12" };
    expect(checkConnection(graph, { source: "container:bbox-11", target: "network:mac_net12" })).toEqual(expected);
    expect(checkConnection(graph, { source: "network:mac_net12", target: "container:bbox-11" })).toEqual(expected);
  });

  it("refuses attaching a container twice to the same network", () => {
    const check = checkConnection(graph, { source: "container:bbox-11", target: "network:mac_net11" });
    expect(!check.ok && render(check.reason, "en")).toBe("container 'bbox-11' is already on network 'mac_net11'.");
  });

  it("refuses a second parent for a network on the same host, naming the current one", () => {
    const check = checkConnection(graph, { source: "network:mac_net11", target: "nic:node-1/ens33" });
    expect(check.ok).toBe(false);
    expect(!check.ok && render(check.reason, "en")).toContain("already has a parent on node-1 (VLAN ens33.10)");
  });

  it("refuses a parent for a network that is not macvlan", () => {
    const overlay = exampleGraph("overlay-swarm");
    const check = checkConnection(overlay, { source: "network:ov_net1", target: "nic:node-2/ens32" });
    expect(!check.ok && render(check.reason, "en")).toBe(
      "Only macvlan networks take a parent interface; 'ov_net1' is overlay.",
    );
  });

  it("accepts a parent on a host the network has none on", () => {
    const bare = { ...graph, edges: graph.edges.filter((edge) => edge.id !== "parent:mac_net11@node-2") };
    expect(checkConnection(bare, { source: "vlan:node-2/ens32.10", target: "network:mac_net11" })).toEqual({
      ok: true,
      kind: "parent",
      source: "network:mac_net11",
      target: "vlan:node-2/ens32.10",
    });
  });

  it.each([
    ["container:bbox-11", "container:bbox-21", "Containers reach each other through a network"],
    ["container:bbox-11", "nic:node-1/ens33", "A container connects to a network, not to a NIC"],
    ["host:node-1", "network:mac_net11", "not the host itself"],
    ["network:mac_net11", "network:mac_net12", "Networks do not connect to each other"],
    ["nic:node-1/ens33", "vlan:node-1/ens33.10", "choose its NIC in the inspector"],
    ["container:bbox-11", "container:bbox-11", "cannot connect to itself"],
  ])("refuses %s → %s with a reason", (source, target, reason) => {
    const check = checkConnection(graph, { source, target });
    expect(check.ok).toBe(false);
    expect(!check.ok && render(check.reason, "en")).toContain(reason);
  });
});
