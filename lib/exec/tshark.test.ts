import { describe, expect, it } from "vitest";
import { writePcap } from "../capture/pcap";
import { writePcapng } from "../capture/pcapng";
import { taggedPing, vxlanPing } from "../capture/testing/frames";
import { decodeCapture } from "./tshark";

const record = (data: Uint8Array, time: number) => ({ data, time, originalLength: data.length });

describe("decodeCapture (Wireshark's dissectors through tshark)", () => {
  it("reads our pcapng: each packet named by its interface block (the capture point), 802.1Q id and inner ICMP", async () => {
    const tagged = taggedPing(10, "172.16.11.11", "172.16.11.12");
    const tunnelled = vxlanPing(256, ["192.168.0.102", "192.168.0.103"], ["10.0.0.2", "10.0.0.3"]);
    const file = writePcapng(
      [
        { name: "wire", linkType: 1, snaplen: 1600 },
        { name: "node-2:ens32", linkType: 1, snaplen: 1600 },
      ],
      [
        { ...record(tagged, 1765000000.5), interface: 0 },
        { ...record(tunnelled, 1765000000.75), interface: 1 },
      ],
    );
    const packets = await decodeCapture(file);
    expect(packets.map((p) => p.at)).toEqual(["wire", "node-2:ens32"]);
    expect(packets[0]?.time).toBeCloseTo(1765000000.5, 5);
    expect(packets[0]?.len).toBe(tagged.length);
    expect(packets[0]?.layers).toEqual(
      [
        { proto: "eth", src: "02:42:ac:10:0b:0b", dst: "02:42:ac:10:0b:0c", type: "0x8100" },
        { proto: "vlan", id: 10, priority: 0 },
        { proto: "ip", src: "172.16.11.11", dst: "172.16.11.12", protocol: 1, ttl: 64, len: 84 },
        { proto: "icmp", type: 8, code: 0, ident: 0x1234, seq: 1 },
        { proto: "data", len: 56 },
      ].map((layer) => expect.objectContaining(layer)),
    );
    expect(packets[0]?.summary).toMatch(/^172\.16\.11\.11 → 172\.16\.11\.12 ICMP Echo \(ping\) request/);
    expect(packets[1]?.layers.map((layer) => layer.proto)).toEqual([
      "eth",
      "ip",
      "udp",
      "vxlan",
      "eth",
      "ip",
      "icmp",
      "data",
    ]);
    expect(packets[1]?.layers[3]).toEqual({ proto: "vxlan", vni: 256 });
    expect(packets[1]?.layers[2]).toEqual(expect.objectContaining({ dstport: 4789 }));
    expect(packets[1]?.layers[5]).toEqual(expect.objectContaining({ src: "10.0.0.2", dst: "10.0.0.3" }));
    expect(packets[1]?.summary).toMatch(/^10\.0\.0\.2 → 10\.0\.0\.3 ICMP/);
  });

  it("reads a plain pcap and names its packets by the point given, with their bytes as hex", async () => {
    const frame = taggedPing(20, "172.16.12.11", "172.16.12.12");
    const packets = await decodeCapture(writePcap(1, 1600, [record(frame, 1765000001)]), {
      at: "wire",
      frames: [frame],
    });
    expect(packets).toHaveLength(1);
    expect(packets[0]?.at).toBe("wire");
    expect(packets[0]?.layers[1]).toEqual({ proto: "vlan", id: 20, priority: 0 });
    expect(packets[0]?.hex?.slice(24, 32)).toBe("81000014");
  });

  it("says what is wrong when the bytes are not a capture", async () => {
    await expect(decodeCapture(new TextEncoder().encode("not a capture at all, just text"))).rejects.toThrow(
      /tshark could not decode the capture/,
    );
  });
});
