/**
 * A streaming reader of the classic pcap format (what `tcpdump -w -` writes): feed it chunks as they
 * arrive, get each whole record once its bytes are in. Pure (no I/O); both byte orders, micro- and
 * nanosecond timestamps.
 */

/** One captured frame: when (epoch seconds, fractional), its bytes as captured (≤ snaplen), its length on the wire. */
export type PcapRecord = { time: number; data: Uint8Array; originalLength: number };

/** The capture's header: the link type (1 = Ethernet, 113 = Linux cooked) and snaplen. */
export type PcapHeader = { linkType: number; snaplen: number };

/** Longest record accepted; a larger length means the stream is not pcap. */
const MAX_RECORD = 262_144;

export class PcapStreamReader {
  private buffer = new Uint8Array(0);
  private little = true;
  private nano = false;
  /** Set once the 24-byte global header has arrived. */
  header: PcapHeader | null = null;

  /**
   * Adds `chunk` and returns the records it completed.
   * @throws Error when the bytes are not a pcap stream (bad magic, absurd record length).
   */
  push(chunk: Uint8Array): PcapRecord[] {
    const merged = new Uint8Array(this.buffer.length + chunk.length);
    merged.set(this.buffer, 0);
    merged.set(chunk, this.buffer.length);
    this.buffer = merged;
    const records: PcapRecord[] = [];
    let offset = 0;
    const view = new DataView(merged.buffer, merged.byteOffset, merged.byteLength);
    if (!this.header) {
      if (merged.length < 24) return records;
      const magicLe = view.getUint32(0, true);
      if (magicLe === 0xa1b2c3d4 || magicLe === 0xa1b23c4d) this.little = true;
      else {
        const magicBe = view.getUint32(0, false);
        if (magicBe !== 0xa1b2c3d4 && magicBe !== 0xa1b23c4d)
          throw new Error(`not a pcap stream (magic 0x${magicLe.toString(16)})`);
        this.little = false;
      }
      this.nano = view.getUint32(0, this.little) === 0xa1b23c4d;
      this.header = { snaplen: view.getUint32(16, this.little), linkType: view.getUint32(20, this.little) & 0xffff };
      offset = 24;
    }
    while (merged.length - offset >= 16) {
      const seconds = view.getUint32(offset, this.little);
      const fraction = view.getUint32(offset + 4, this.little);
      const included = view.getUint32(offset + 8, this.little);
      const original = view.getUint32(offset + 12, this.little);
      if (included > MAX_RECORD) throw new Error(`not a pcap stream (a record of ${included} bytes)`);
      if (merged.length - offset - 16 < included) break;
      records.push({
        time: seconds + fraction / (this.nano ? 1e9 : 1e6),
        data: merged.slice(offset + 16, offset + 16 + included),
        originalLength: original,
      });
      offset += 16 + included;
    }
    this.buffer = merged.slice(offset);
    return records;
  }
}

/** A classic pcap file (little-endian, microseconds) of `records` with `linkType`: what tshark reads on stdin. */
export function writePcap(linkType: number, snaplen: number, records: readonly PcapRecord[]): Uint8Array {
  const size = 24 + records.reduce((sum, record) => sum + 16 + record.data.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, snaplen, true);
  view.setUint32(20, linkType, true);
  let offset = 24;
  for (const record of records) {
    const seconds = Math.floor(record.time);
    view.setUint32(offset, seconds, true);
    view.setUint32(offset + 4, Math.min(999_999, Math.round((record.time - seconds) * 1e6)), true);
    view.setUint32(offset + 8, record.data.length, true);
    view.setUint32(offset + 12, record.originalLength, true);
    out.set(record.data, offset + 16);
    offset += 16 + record.data.length;
  }
  return out;
}
