import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkTopologyText } from "../topology/check";
import type { Topology } from "../topology/schema";
import { capturePoints, probePath } from "./points";

function example(name: string): Topology {
  const checked = checkTopologyText(readFileSync(new URL(`../../examples/${name}.yaml`, import.meta.url), "utf8"));
  if (!checked.topology) throw new Error(name);
  return checked.topology;
}

describe("capturePoints", () => {
  it("lists containers, NICs, VLAN sub-interfaces and, on the lab, the wire, sorted by id", () => {
    const points = capturePoints(example("macvlan-8021q"), { lab: true });
    expect(points.map((p) => `${p.id} ${p.kind}`)).toEqual([
      "container:bbox-11 container",
      "container:bbox-12 container",
      "container:bbox-21 container",
      "container:bbox-22 container",
      "node-1:ens33 nic",
      "node-1:ens33.10 vlan",
      "node-1:ens33.20 vlan",
      "node-2:ens32 nic",
      "node-2:ens32.10 vlan",
      "node-2:ens32.20 vlan",
      "wire wire",
      "wire:node-1 wire",
      "wire:node-2 wire",
    ]);
    expect(points[0]).toEqual({
      id: "container:bbox-11",
      kind: "container",
      host: "node-1",
      iface: "eth0",
      container: "bbox-11",
      network: "mac_net11",
    });
  });

  it("has no wire off the lab", () => {
    expect(capturePoints(example("macvlan-8021q")).some((p) => p.kind === "wire")).toBe(false);
  });

  it("lists the OVS bridge and its tunnel devices, and the routed bridges", () => {
    const ovs = capturePoints(example("ovs-vxlan")).map((p) => `${p.id} ${p.kind}`);
    expect(ovs).toEqual(
      expect.arrayContaining(["node-1:br-ovs ovs", "node-1:vx-node-2 tunnel", "node-2:vx-node-1 tunnel"]),
    );
    const routed = capturePoints(example("bridge-routed")).map((p) => `${p.id} ${p.kind}`);
    expect(routed).toEqual(expect.arrayContaining(["node-1:br_net bridge", "node-2:br_net bridge"]));
  });

  it("gives a container on several networks one point per interface", () => {
    const topology = example("macvlan-8021q");
    const bbox = topology.containers?.["bbox-11"];
    if (bbox) bbox.networks.mac_net12 = {};
    const ids = capturePoints(topology).map((p) => p.id);
    expect(ids).toEqual(
      expect.arrayContaining(["container:bbox-11", "container:bbox-11:eth0", "container:bbox-11:eth1"]),
    );
  });

  it("captures an OVS-attached container on the interface ovs-docker made (eth1), not on eth0", () => {
    const points = capturePoints(example("ovs-vxlan"));
    expect(points.find((p) => p.id === "container:bbox-1")).toEqual(
      expect.objectContaining({ iface: "eth1", network: "ovs_net" }),
    );
    const mixed = example("ovs-vxlan");
    const bbox = mixed.containers?.["bbox-1"];
    if (bbox) bbox.networks = { ovs_net: {}, extra: {} };
    mixed.networks = { ...mixed.networks, extra: { driver: "bridge" } };
    const ids = capturePoints(mixed)
      .filter((p) => p.container === "bbox-1")
      .map((p) => `${p.id} ${p.iface}`);
    expect(ids).toEqual(["container:bbox-1 br-ovs", "container:bbox-1:br-ovs br-ovs", "container:bbox-1:eth0 eth0"]);
  });
});

describe("probePath", () => {
  it("crosses the VLAN sub-interface, the trunk NIC and the wire between two hosts", () => {
    expect(probePath(example("macvlan-8021q"), "bbox-11", "bbox-21", { lab: true })).toEqual({
      network: "mac_net11",
      points: [
        "container:bbox-11",
        "node-1:ens33.10",
        "node-1:ens33",
        "wire",
        "node-2:ens32",
        "node-2:ens32.10",
        "container:bbox-21",
      ],
    });
  });

  it("takes each side's own network when the two share none (a probe the design expects to fail)", () => {
    expect(probePath(example("macvlan-8021q"), "bbox-11", "bbox-22", { lab: true })).toEqual({
      network: null,
      points: [
        "container:bbox-11",
        "node-1:ens33.10",
        "node-1:ens33",
        "wire",
        "node-2:ens32",
        "node-2:ens32.20",
        "container:bbox-22",
      ],
    });
  });

  it("stays on the host for two containers of one host", () => {
    expect(probePath(example("macvlan-8021q"), "bbox-11", "bbox-12", { lab: true })).toMatchObject({
      points: ["container:bbox-11", "node-1:ens33.10", "node-1:ens33", "node-1:ens33.20", "container:bbox-12"],
    });
  });

  it("goes through the overlay's underlay NICs, and the OVS tunnel devices", () => {
    expect(probePath(example("overlay-swarm"), "bbox-1", "bbox-2", { lab: true })).toMatchObject({
      points: ["container:bbox-1", "node-2:ens32", "wire", "node-3:ens32", "container:bbox-2"],
    });
    expect(probePath(example("ovs-vxlan"), "bbox-1", "bbox-2")).toMatchObject({
      points: [
        "container:bbox-1",
        "node-1:vx-node-2",
        "node-1:ens33",
        "node-2:ens33",
        "node-2:vx-node-1",
        "container:bbox-2",
      ],
    });
  });

  it("names a container the design does not have", () => {
    expect(probePath(example("macvlan"), "bbox-1", "nope")).toEqual({
      error: "no container 'nope' in design 'macvlan'",
    });
  });
});
