import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planTopology } from "../plan/plan";
import { checkTopologyText } from "../topology/index";
import { snapshotFrom } from "./observe";

const text = (name: string) => readFileSync(join(__dirname, "fixtures", name), "utf8");
const json = (name: string): unknown => JSON.parse(text(name));

/** A host snapshot from what a lab host really answered (see testing/capture-fixtures.ts). */
function captured(prefix: string, host: string) {
  return snapshotFrom(host, {
    script: { code: 0, stdout: text(`${prefix}-script.out`) },
    info: json(`${prefix}-docker-info.out`),
    networks: json(`${prefix}-docker-networks.out`),
    containers: json(`${prefix}-docker-inspect.out`) as unknown[],
  });
}

describe("snapshotFrom", () => {
  it("turns a lab host's real answers into a snapshot", () => {
    const snapshot = captured("lab-swarm-manager", "node-2");
    expect(snapshot.reachable).toBe(true);
    expect(snapshot.links.find((link) => link.name === "ens32")).toMatchObject({
      up: true,
      addresses: ["192.168.0.102/24"],
    });
    expect(snapshot.ipForward).toBe(true);
    expect(snapshot.docker.swarm).toMatchObject({ state: "active", manager: true });
    expect(snapshot.docker.containers.map((c) => c.name)).toEqual(["bbox-1", "bbox-3"]);
  });

  it("gives an empty plan for the design those hosts were built from (re-apply is a no-op)", () => {
    const { topology } = checkTopologyText(
      readFileSync(join(__dirname, "../../examples/overlay-isolation.yaml"), "utf8"),
    );
    if (!topology) throw new Error("example does not parse");
    const observed = {
      "node-2": captured("lab-swarm-manager", "node-2"),
      "node-3": captured("lab-swarm-worker", "node-3"),
    };
    expect(planTopology(topology, observed).steps).toEqual([]);
  });

  it("sees the containers ovs-docker plugged into OVS bridges (no-op re-apply of the OVS design)", () => {
    const node1 = captured("lab-ovs", "node-1");
    expect(node1.ovs.find((bridge) => bridge.name === "br-ovs")?.ports.filter((port) => port.container)).toEqual([
      { name: expect.stringMatching(/^[0-9a-f]{13}_l$/), type: "", container: "bbox-1" },
    ]);
    const { topology } = checkTopologyText(readFileSync(join(__dirname, "../../examples/ovs-vxlan.yaml"), "utf8"));
    if (!topology) throw new Error("example does not parse");
    const observed = { "node-1": node1, "node-2": captured("lab-ovs-peer", "node-2") };
    expect(planTopology(topology, observed, { ovsDatapath: "netdev", kvProvided: true }).steps).toEqual([]);
  });

  it("reads the lab's OVS-tagged ports as the VLAN sub-interfaces ens33.10 and ens33.20", () => {
    const snapshot = captured("lab-vlan", "node-1");
    const vlans = snapshot.links.filter((link) => link.kind === "ovs-internal" && link.vid !== undefined);
    expect(vlans.map(({ name, parent, vid, up }) => ({ name, parent, vid, up }))).toEqual([
      { name: "ens33.10", parent: "ens33", vid: 10, up: true },
      { name: "ens33.20", parent: "ens33", vid: 20, up: true },
    ]);
    expect(snapshot.docker.networks.find((n) => n.name === "mac_net11")).toMatchObject({
      driver: "macvlan",
      parent: "ens33.10",
    });
  });

  it("marks a host whose output is incomplete as unreachable rather than guessing", () => {
    const broken = snapshotFrom("node-1", {
      script: { code: 0, stdout: "@@crossnet-begin link\n[]\n@@crossnet-end link 0\n" },
      info: {},
      networks: [],
      containers: [],
    });
    expect(broken).toMatchObject({
      reachable: false,
      error: expect.stringMatching(/reading addr failed \(exit missing\)/),
    });
    expect(
      snapshotFrom("n", { script: { code: 255, stdout: "" }, info: {}, networks: [], containers: [] }).reachable,
    ).toBe(false);
  });
});
