import { expect, it } from "vitest";
import type { CapturedPacket } from "../capture/types";
import {
  fieldValues,
  hexRows,
  layerViews,
  packetBadges,
  packetProtocol,
  protocolColour,
  relativeTime,
} from "./packet-view";

const tagged: CapturedPacket = {
  at: "wire",
  time: 10.5,
  len: 102,
  summary: "Echo (ping) request",
  layers: [
    { proto: "eth", src: "02:42:ac:10:0b:0b", dst: "02:42:ac:10:0b:0c" },
    { proto: "vlan", id: 10 },
    { proto: "ip", src: "172.16.11.11", dst: "172.16.11.12" },
    { proto: "icmp", type: 8 },
  ],
};

const vxlan: CapturedPacket = {
  at: "node-1:eth1",
  time: 11,
  len: 148,
  summary: "Echo (ping) request",
  layers: [
    { proto: "eth", src: "aa:aa:aa:aa:aa:01", dst: "aa:aa:aa:aa:aa:02" },
    { proto: "ip", src: "10.10.0.1", dst: "10.10.0.2" },
    { proto: "udp", srcport: 51234, dstport: 4789 },
    { proto: "vxlan", vni: 4097 },
    { proto: "eth", src: "02:42:0a:00:00:02", dst: "02:42:0a:00:00:03" },
    { proto: "ip", src: "10.0.0.2", dst: "10.0.0.3" },
    { proto: "icmp", type: 8 },
  ],
};

it("names a packet by its innermost protocol above the carriers (eth, vlan, ip)", () => {
  expect(packetProtocol(tagged)).toBe("icmp");
  expect(packetProtocol(vxlan)).toBe("icmp");
  expect(packetProtocol({ layers: [{ proto: "eth" }, { proto: "arp" }] })).toBe("arp");
  expect(packetProtocol({ layers: [{ proto: "eth" }, { proto: "ip" }] })).toBe("ip");
  expect(packetProtocol({ layers: [] })).toBe("?");
});

it("colours protocols with theme variables, unknown ones with the neutral slot", () => {
  expect(protocolColour("icmp")).toBe("var(--net-2)");
  expect(protocolColour("arp")).toBe("var(--net-4)");
  expect(protocolColour("sctp")).toBe("var(--net-7)");
});

it("badges the 802.1Q tag of a tagged frame", () => {
  expect(packetBadges(tagged)).toEqual([{ kind: "vlan", text: "VLAN 10" }]);
});

it("badges a VXLAN frame's outer UDP port and VNI, not the inner ports", () => {
  expect(packetBadges(vxlan)).toEqual([
    { kind: "port", text: "UDP 4789" },
    { kind: "vni", text: "VNI 4097" },
  ]);
});

it("splits an encapsulated frame into outer, tunnel and inner layers, and marks VNI and the tunnel port", () => {
  const views = layerViews(vxlan.layers);
  expect(views.map((view) => view.role)).toEqual(["outer", "outer", "outer", "tunnel", "inner", "inner", "inner"]);
  const udp = views[2];
  expect(udp?.fields.filter((field) => field.highlight).map((field) => field.name)).toEqual(["dstport"]);
  expect(views[3]?.fields).toEqual([{ name: "vni", value: "4097", highlight: true }]);
  expect(views[6]?.highlight).toBe(false);
});

it("marks the VLAN id of a plain tagged frame, whose layers are all plain", () => {
  const views = layerViews(tagged.layers);
  expect(views.every((view) => view.role === "plain")).toBe(true);
  expect(views[1]).toEqual({
    proto: "vlan",
    role: "plain",
    fields: [{ name: "id", value: "10", highlight: true }],
    highlight: true,
  });
});

it("shows bytes as hex rows with offsets and printable ASCII", () => {
  const rows = hexRows("48 65 6c 6c 6f 00 ff 41 42 43 44 45 46 47 48 49 4a", 16);
  expect(rows).toEqual([
    {
      offset: "0000",
      hex: ["48", "65", "6c", "6c", "6f", "00", "ff", "41", "42", "43", "44", "45", "46", "47", "48", "49"],
      ascii: "Hello..ABCDEFGHI",
    },
    { offset: "0010", hex: ["4a"], ascii: "J" },
  ]);
  expect(hexRows("abc")).toEqual([]);
  expect(hexRows("zz")).toEqual([]);
  expect(hexRows(undefined)).toEqual([]);
});

it("gives times relative to the first packet with microseconds", () => {
  expect(relativeTime(10.5000123, 10.5)).toBe("0.000012");
  expect(relativeTime(9, 10)).toBe("0.000000");
});

it("lists the values a field takes across packets, numbers in order", () => {
  const other = { ...tagged, layers: tagged.layers.map((l) => (l.proto === "vlan" ? { proto: "vlan", id: 20 } : l)) };
  expect(fieldValues([other, tagged, tagged], "vlan", "id")).toEqual(["10", "20"]);
  expect(fieldValues([vxlan], "vxlan", "vni")).toEqual(["4097"]);
  expect(fieldValues([tagged], "vxlan", "vni")).toEqual([]);
});
