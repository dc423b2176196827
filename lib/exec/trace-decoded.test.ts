import { describe, expect, it } from "vitest";
import { writePcapng } from "../capture/pcapng";
import { arpRequest, ethernet, icmpEcho, icmpUnreachable, ipv4 } from "../capture/testing/frames";
import { lastSeen, type TraceProbe, traceHops } from "../capture/trace";
import { decodeCapture } from "./tshark";

/**
 * The trace's hop rule on frames decoded by Wireshark's dissectors (tshark), as a trace decodes what it
 * captured: only the probe's own echo request and reply count. The frames are those of the lab's
 * macvlan-over-802.1Q example, cross-VLAN (bbox-11 in VLAN 10 → bbox-22 in VLAN 20) and same-VLAN.
 */

const PAYLOAD = 1234;
const BBOX_11 = { mac: "02:42:ac:10:0b:0b", ip: "172.16.11.11" };
const BBOX_12 = { mac: "02:42:ac:10:0c:0b", ip: "172.16.12.11" };
const BBOX_21 = { mac: "02:42:ac:10:0b:0c", ip: "172.16.11.12" };
const BBOX_22 = { mac: "02:42:ac:10:0c:0c", ip: "172.16.12.12" };

/** The path the design expects from bbox-11 (VLAN 10 on node-1) to a container of node-2. */
const pathTo = (device: string, container: string) => [
  "container:bbox-11",
  "node-1:ens33.10",
  "node-1:ens33",
  "wire",
  "node-2:ens32",
  `node-2:${device}`,
  `container:${container}`,
];

type Box = { mac: string; ip: string };
const echo = (
  type: 0 | 8,
  from: Box,
  to: Box,
  o: { id?: number; seq?: number; payload?: number; vlan?: number } = {},
) =>
  ethernet(
    from.mac,
    to.mac,
    ipv4(from.ip, to.ip, 1, icmpEcho(type, o.id ?? 0x4d2, o.seq ?? 0, o.payload ?? PAYLOAD)),
    o.vlan,
  );

/** Decodes `frames` (each at its point) as one pcapng with an interface block per point, as a trace does. */
async function decoded(frames: [string, Uint8Array][]) {
  const names = [...new Set(frames.map(([at]) => at))];
  const file = writePcapng(
    names.map((name) => ({ name, linkType: 1, snaplen: 1600 })),
    frames.map(([at, data], index) => ({
      data,
      time: 1765000000 + index / 100,
      originalLength: data.length,
      interface: names.indexOf(at),
    })),
  );
  return decodeCapture(file);
}

describe("traceHops on decoded frames: cross-VLAN (bbox-11 → bbox-22)", { timeout: 60_000 }, () => {
  const path = pathTo("ens32.20", "bbox-22");
  const probe: TraceProbe = { payload: PAYLOAD, source: BBOX_11.ip, target: BBOX_22.ip };
  const gatewayArp = arpRequest(BBOX_11.mac, BBOX_11.ip, "172.16.11.1");
  const ourRequest = ipv4(BBOX_11.ip, BBOX_22.ip, 1, icmpEcho(8, 0x4d2, 0, PAYLOAD));

  it("an ARP who-has for the target from another container is not the request: last seen stays at the source", async () => {
    const packets = await decoded([
      ["container:bbox-11", gatewayArp],
      ["node-1:ens33.10", gatewayArp],
      ["wire", arpRequest(BBOX_11.mac, BBOX_11.ip, "172.16.11.1", 10)],
      // bbox-12 (VLAN 20) checks its neighbour entry for the target during the trace.
      ["node-2:ens32.20", arpRequest(BBOX_12.mac, BBOX_12.ip, BBOX_22.ip)],
      ["container:bbox-22", arpRequest(BBOX_12.mac, BBOX_12.ip, BBOX_22.ip)],
    ]);
    expect(packets.find((packet) => packet.at === "container:bbox-22")?.layers.map((l) => l.proto)).toEqual([
      "eth",
      "arp",
    ]);
    const hops = traceHops(path, packets, probe);
    expect(hops.map((hop) => hop.request)).toEqual([true, false, false, false, false, false, false]);
    expect(hops.map((hop) => hop.arp ?? false)).toEqual([true, true, false, true, false, false, false]);
    expect(hops.every((hop) => !hop.reply)).toBe(true);
    expect(lastSeen(hops)).toBe("container:bbox-11");
  });

  it("a reply of the probe's size from a wrong address, another ping, and the request quoted in an ICMP error do not count", async () => {
    const packets = await decoded([
      ["container:bbox-11", gatewayArp],
      // Right size, but from bbox-12, not the target.
      ["container:bbox-22", echo(0, BBOX_12, BBOX_11)],
      ["node-2:ens32.20", echo(0, BBOX_12, BBOX_11)],
      // Another ping (56 bytes of payload) between the same two.
      ["wire", echo(8, BBOX_11, BBOX_22, { payload: 56, vlan: 10 })],
      // Our request, quoted by an ICMP error that a router sent back.
      [
        "node-2:ens32",
        ethernet("52:54:00:00:00:09", BBOX_11.mac, ipv4("192.168.1.1", BBOX_11.ip, 1, icmpUnreachable(1, ourRequest))),
      ],
    ]);
    const quoted = packets.find((packet) => packet.at === "node-2:ens32");
    expect(quoted?.layers.filter((l) => l.proto === "icmp").map((l) => l.type)).toEqual([3, 8]);
    const hops = traceHops(path, packets, probe);
    expect(hops.map((hop) => hop.request)).toEqual([true, false, false, false, false, false, false]);
    expect(hops.map((hop) => hop.reply)).toEqual([false, false, false, false, false, false, false]);
    expect(lastSeen(hops)).toBe("container:bbox-11");
  });
});

describe("traceHops on decoded frames: same VLAN (bbox-11 → bbox-21)", { timeout: 60_000 }, () => {
  const path = pathTo("ens32.10", "bbox-21");
  const probe: TraceProbe = { payload: PAYLOAD, source: BBOX_11.ip, target: BBOX_21.ip };
  const tagged = (at: string) => (at === "wire" || at.endsWith(":ens33") || at.endsWith(":ens32") ? 10 : undefined);

  it("request and reply at every hop, the wire's with VLAN 10; last seen at the destination", async () => {
    const packets = await decoded(
      path.flatMap((at): [string, Uint8Array][] => [
        [at, echo(8, BBOX_11, BBOX_21, { vlan: tagged(at) })],
        [at, echo(0, BBOX_21, BBOX_11, { vlan: tagged(at) })],
      ]),
    );
    const hops = traceHops(path, packets, probe);
    expect(hops.map((hop) => `${hop.request}/${hop.reply}`)).toEqual(path.map(() => "true/true"));
    expect(hops[3]?.layers.find((l) => l.proto === "vlan")?.id).toBe(10);
    expect(lastSeen(hops)).toBe("container:bbox-21");
  });

  it("a reply carrying another ping's ident is not the probe's reply", async () => {
    const packets = await decoded([
      ["container:bbox-11", echo(8, BBOX_11, BBOX_21)],
      ["container:bbox-21", echo(8, BBOX_11, BBOX_21)],
      ["container:bbox-21", echo(0, BBOX_21, BBOX_11, { id: 0x999 })],
    ]);
    const hops = traceHops(path, packets, probe);
    expect(hops[6]).toEqual(expect.objectContaining({ request: true, reply: false }));
  });

  it("a stopped destination: the request reaches the destination host's device and no further", async () => {
    const packets = await decoded([
      ...path.slice(0, 6).map((at): [string, Uint8Array] => [at, echo(8, BBOX_11, BBOX_21, { vlan: tagged(at) })]),
      ["node-2:ens32.10", arpRequest(BBOX_11.mac, BBOX_11.ip, BBOX_21.ip)],
    ]);
    const hops = traceHops(path, packets, probe);
    expect(lastSeen(hops)).toBe("node-2:ens32.10");
    expect(hops[6]).toEqual({ at: "container:bbox-21", request: false, reply: false, layers: [] });
  });

  it("a stopped destination never resolved: only the source's ARP travels, so the request is held at the source", async () => {
    const packets = await decoded(
      path
        .slice(0, 6)
        .map((at): [string, Uint8Array] => [at, arpRequest(BBOX_11.mac, BBOX_11.ip, BBOX_21.ip, tagged(at))]),
    );
    const hops = traceHops(path, packets, probe);
    expect(hops.map((hop) => hop.request)).toEqual([true, false, false, false, false, false, false]);
    expect(lastSeen(hops)).toBe("container:bbox-11");
  });
});
