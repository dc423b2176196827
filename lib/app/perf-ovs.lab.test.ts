import { describe, expect, it } from "vitest";
import { labPerSuite, loadExample } from "../probe/testing/lab-design";
import { perfOnLab } from "./testing/perf-lab";

/**
 * TCP and UDP through the OVS-VXLAN example on the lab, whose OVS is userspace (netdev datapath, no
 * kernel module). Two things must hold for bulk traffic there: the lab's ovs-vswitchd passes the
 * kernel's offload metadata on (`userspace-tso-enable`, else a TCP segment with its checksum left to
 * the veth's "hardware" leaves unfinished and the SYN never gets an answer), and the plan gives the
 * containers' interfaces the VXLAN path's 1450 bytes (else full-size frames do not fit the tunnel and
 * a connection stalls after the handshake). Needs root.
 */

describe("throughput on the OVS-VXLAN lab (userspace OVS)", () => {
  const topology = loadExample("ovs-vxlan");
  const session = labPerSuite("the perf lab tests", topology);

  it("the containers' OVS interfaces are 1450 and the mtu cells pass at 1450", async () => {
    const report = await session().ping(topology, { by: ["mtu"] });
    expect(report.cells.map((c) => ({ from: c.from, mtu: c.mtu, verdict: c.verdict }))).toEqual([
      { from: "bbox-1", mtu: { expected: 1450, path: 1450, interface: 1450 }, verdict: "pass" },
      { from: "bbox-2", mtu: { expected: 1450, path: 1450, interface: 1450 }, verdict: "pass" },
    ]);
  });

  it("TCP both ways and UDP cross the tunnel with a measured rate", async () => {
    const both = ["bbox-1", "bbox-2"];
    const tcp = await perfOnLab(session(), topology, { from: both, to: both, udp: false });
    expect(tcp.results.map((r) => ({ from: r.from, to: r.to, error: r.error }))).toEqual([
      { from: "bbox-1", to: "bbox-2", error: null },
      { from: "bbox-2", to: "bbox-1", error: null },
    ]);
    // Not a speed target (benches measure those): only that bulk TCP moves, where it moved nothing before.
    for (const result of tcp.results) expect(result.bitsPerSecond).toBeGreaterThan(10_000_000);
    const udp = await perfOnLab(session(), topology, { from: ["bbox-1"], to: ["bbox-2"], udp: true });
    expect(udp.results[0]).toMatchObject({ proto: "udp", network: "ovs_net", error: null });
    expect(udp.results[0]?.bitsPerSecond).toBeGreaterThan(0);
  });
});

/**
 * The lab's VLAN sub-interfaces are ports of the same userspace OVS (tagged internal ports, the NIC as
 * trunk): bulk TCP between macvlan containers of one VLAN on two hosts crosses it twice, tagged.
 */
describe("throughput on macvlan over the lab's OVS VLAN ports", () => {
  const topology = loadExample("macvlan-8021q");
  const session = labPerSuite("the perf lab tests", topology);

  it("TCP within VLAN 10 across hosts gets through with a measured rate, both ways", async () => {
    const both = ["bbox-11", "bbox-21"];
    const report = await perfOnLab(session(), topology, { from: both, to: both, udp: false });
    expect(report.results.map((r) => ({ from: r.from, network: r.network, error: r.error }))).toEqual([
      { from: "bbox-11", network: "mac_net11", error: null },
      { from: "bbox-21", network: "mac_net11", error: null },
    ]);
    for (const result of report.results) expect(result.bitsPerSecond).toBeGreaterThan(10_000_000);
  });
});
