import { describe, expect, it } from "vitest";
import { render } from "../i18n/text";
import { dropRequest, PALETTE, paletteKey, parsePaletteKey, pickRequest } from "./palette";
import { exampleGraph } from "./test-graphs";

describe("palette", () => {
  it("has one entry per node kind and per driver, each with a key that parses back", () => {
    expect(PALETTE.map(paletteKey)).toEqual([
      "host",
      "nic",
      "vlan",
      "network-bridge",
      "network-macvlan",
      "network-overlay",
      "network-ovs",
      "network-flannel",
      "network-weave",
      "network-calico",
      "container",
    ]);
    for (const item of PALETTE) expect(parsePaletteKey(paletteKey(item))).toEqual(item);
    expect(parsePaletteKey("network-evil")).toBeUndefined();
  });

  it("drops a container into the host under the pointer, and refuses one on empty canvas", () => {
    const graph = exampleGraph("macvlan");
    const host = graph.nodes.find((n) => n.id === "host:node-2");
    if (!host) throw new Error("no host");
    const inside = { x: host.position.x + 60, y: host.position.y + 80 };
    expect(dropRequest(graph, { kind: "container" }, inside)).toMatchObject({
      kind: "container",
      hostId: "host:node-2",
    });
    const outside = dropRequest(graph, { kind: "container" }, { x: -5000, y: -5000 });
    expect("reason" in outside && render(outside.reason, "en")).toBe("Drop a container inside a host.");
    expect("reason" in outside && render(outside.reason, "zh-CN")).toBe("请把容器拖到主机里。");
  });

  it("puts a picked child into the selected host, or the host of the selected child", () => {
    const graph = exampleGraph("macvlan");
    expect(pickRequest(graph, { kind: "nic" }, ["host:node-1"])).toEqual({ kind: "nic", hostId: "host:node-1" });
    expect(pickRequest(graph, { kind: "vlan" }, ["nic:node-2/ens33"])).toEqual({
      kind: "vlan",
      hostId: "host:node-2",
      nicId: "nic:node-2/ens33",
    });
    const refused = pickRequest(graph, { kind: "container" }, []);
    expect("reason" in refused && render(refused.reason, "en")).toContain("Select a host first");
  });
});
