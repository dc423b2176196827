import { describe, expect, it } from "vitest";
import { lastSeen, lastSeenText, traceHops } from "./trace";
import type { CapturedPacket, PacketLayer } from "./types";

const probe = { payload: 1234, source: "172.16.11.11", target: "172.16.11.12" };
const echo = (type: 0 | 8, len = 28 + 1234, vlan?: number): PacketLayer[] => [
  { proto: "eth", src: "a", dst: "b" },
  ...(vlan ? [{ proto: "vlan", id: vlan }] : []),
  {
    proto: "ip",
    src: type === 8 ? "172.16.11.11" : "172.16.11.12",
    dst: type === 8 ? "172.16.11.12" : "172.16.11.11",
    len,
  },
  { proto: "icmp", type },
];
const arp = (src: string, dst: string): PacketLayer[] => [{ proto: "eth" }, { proto: "arp", opcode: 1, src, dst }];
const at = (point: string, layers: PacketLayer[]): CapturedPacket => ({
  at: point,
  time: 1,
  len: 100,
  summary: "",
  layers,
});
const path = ["container:a", "node-1:ens33.10", "wire", "node-2:ens32.10", "container:b"];

describe("traceHops", () => {
  it("marks request and reply where the probe's size was seen, and keeps the request's layers", () => {
    const packets = path.flatMap((point) => [
      at(point, echo(8, undefined, point === "wire" ? 10 : undefined)),
      at(point, echo(0)),
    ]);
    const hops = traceHops(path, packets, probe);
    expect(hops.every((hop) => hop.request && hop.reply)).toBe(true);
    expect(hops[2]?.layers[1]).toEqual({ proto: "vlan", id: 10 });
    expect(lastSeen(hops)).toBe("container:b");
  });

  it("ignores other pings (another size) and says where the request was last seen", () => {
    const packets = [
      at("container:a", echo(8)),
      at("node-1:ens33.10", echo(8)),
      at("wire", echo(8, 84)),
      at("container:b", echo(0, 84)),
    ];
    const hops = traceHops(path, packets, probe);
    expect(hops.map((hop) => hop.request)).toEqual([true, true, false, false, false]);
    expect(hops.some((hop) => hop.reply)).toBe(false);
    expect(lastSeen(hops)).toBe("node-1:ens33.10");
  });

  it("counts the source's own ARP as the request held at the source, and nobody's ARP anywhere else", () => {
    const forTarget = [
      at("container:a", arp("172.16.11.11", "172.16.11.12")),
      at("node-2:ens32.10", arp("172.16.11.11", "172.16.11.12")),
      at("container:b", arp("172.16.11.13", "172.16.11.12")),
    ];
    const held = traceHops(path, forTarget, probe);
    expect(held.map((hop) => hop.request)).toEqual([true, false, false, false, false]);
    expect(lastSeen(held)).toBe("container:a");
    const forGateway = path.map((point) => at(point, arp("172.16.11.11", "172.16.11.1")));
    const hops = traceHops(path, forGateway, probe);
    expect(hops.map((hop) => hop.request)).toEqual([true, false, false, false, false]);
    expect(hops.every((hop) => hop.arp)).toBe(true);
    expect(lastSeen(hops)).toBe("container:a");
  });

  it("the source's ARP is not the request once the echo request was seen on the path", () => {
    const hops = traceHops(path, [at("container:a", arp("172.16.11.11", "172.16.11.12")), at("wire", echo(8))], probe);
    expect(hops.map((hop) => hop.request)).toEqual([false, false, true, false, false]);
  });

  it("says nothing was seen, and which capture failed", () => {
    const hops = traceHops(path, [], probe, new Map([["wire", "no lab"]]));
    expect(lastSeen(hops)).toBeNull();
    expect(hops[2]).toEqual({ at: "wire", request: false, reply: false, layers: [], error: "no lab" });
  });
});

describe("lastSeenText", () => {
  it("names the last point that saw the request and the next one that did not", () => {
    const hops = traceHops(path, [at("container:a", echo(8)), at("node-1:ens33.10", echo(8))], probe);
    expect(lastSeenText({ hops, lastSeen: lastSeen(hops) }).en).toBe(
      "A trace last saw the request at node-1:ens33.10, not at wire.",
    );
    expect(lastSeenText({ hops: [], lastSeen: null }).en).toBe("A trace saw the request nowhere on its path.");
  });
});
