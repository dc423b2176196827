import { describe, expect, it } from "vitest";
import { PcapStreamReader, writePcap } from "./pcap";
import { writePcapng } from "./pcapng";
import { taggedPing } from "./testing/frames";

const frame = taggedPing(10, "172.16.11.11", "172.16.11.12");

describe("PcapStreamReader", () => {
  it("returns each record once its bytes are in, however the stream is cut", () => {
    const file = writePcap(1, 1600, [
      { time: 1765000000.25, data: frame, originalLength: frame.length },
      { time: 1765000001.5, data: frame.slice(0, 60), originalLength: frame.length },
    ]);
    for (const cut of [1, 7, 23, 24, 25, 40, 133]) {
      const reader = new PcapStreamReader();
      const records = [];
      for (let offset = 0; offset < file.length; offset += cut)
        records.push(...reader.push(file.slice(offset, offset + cut)));
      expect(reader.header).toEqual({ linkType: 1, snaplen: 1600 });
      expect(records.map((r) => [r.time, r.data.length, r.originalLength])).toEqual([
        [1765000000.25, frame.length, frame.length],
        [1765000001.5, 60, frame.length],
      ]);
      expect(records[0]?.data).toEqual(frame);
    }
  });

  it("reads big-endian nanosecond captures", () => {
    const file = new Uint8Array(24 + 16 + 4);
    const view = new DataView(file.buffer);
    view.setUint32(0, 0xa1b23c4d, false);
    view.setUint32(16, 262144, false);
    view.setUint32(20, 113, false);
    view.setUint32(24, 10, false);
    view.setUint32(28, 500_000_000, false);
    view.setUint32(32, 4, false);
    view.setUint32(36, 4, false);
    const reader = new PcapStreamReader();
    const [record] = reader.push(file);
    expect(reader.header).toEqual({ linkType: 113, snaplen: 262144 });
    expect(record?.time).toBe(10.5);
  });

  it("refuses a stream that is not pcap, or a record longer than any frame", () => {
    expect(() => new PcapStreamReader().push(new TextEncoder().encode("tcpdump: not found, not a capture"))).toThrow(
      /not a pcap stream/,
    );
    const file = writePcap(1, 1600, []);
    const record = new Uint8Array(16);
    new DataView(record.buffer).setUint32(8, 10_000_000, true);
    const reader = new PcapStreamReader();
    reader.push(file);
    expect(() => reader.push(record)).toThrow(/a record of 10000000 bytes/);
  });
});

describe("writePcapng", () => {
  it("writes one interface block per point and pads every block to 32 bits", () => {
    const file = writePcapng(
      [
        { name: "wire", linkType: 1, snaplen: 1600 },
        { name: "container:bbox-11", linkType: 1, snaplen: 1600 },
      ],
      [{ interface: 1, time: 1, data: frame.slice(0, 61), originalLength: 61 }],
    );
    expect(file.length % 4).toBe(0);
    const view = new DataView(file.buffer);
    const types: number[] = [];
    for (let offset = 0; offset < file.length; offset += view.getUint32(offset + 4, true))
      types.push(view.getUint32(offset, true));
    expect(types).toEqual([0x0a0d0d0a, 1, 1, 6]);
  });

  it("refuses a packet of an interface it does not have", () => {
    expect(() => writePcapng([], [{ interface: 0, time: 1, data: frame, originalLength: frame.length }])).toThrow(
      RangeError,
    );
  });
});
