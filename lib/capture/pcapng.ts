import type { PcapRecord } from "./pcap";

/**
 * A pcapng writer: one Section Header Block, one Interface Description Block per capture point (its
 * `if_name` is the point id, so Wireshark shows the point as the interface column), and one Enhanced
 * Packet Block per frame, in the order given. Little-endian, microsecond timestamps (the default
 * resolution). Pure; Wireshark and tshark read the result (tested by decoding it with tshark).
 */

/** One capture point's interface: its id (the `if_name`), link type and snaplen. */
export type PcapngInterface = { name: string; linkType: number; snaplen: number };

/** A frame and the index of its interface in the interfaces list. */
export type PcapngPacket = PcapRecord & { interface: number };

const encoder = new TextEncoder();
const pad4 = (n: number) => (4 - (n % 4)) % 4;

function block(type: number, body: Uint8Array): Uint8Array {
  const total = 12 + body.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, total, true);
  out.set(body, 8);
  view.setUint32(total - 4, total, true);
  return out;
}

function option(code: number, value: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + value.length + pad4(value.length));
  const view = new DataView(out.buffer);
  view.setUint16(0, code, true);
  view.setUint16(2, value.length, true);
  out.set(value, 4);
  return out;
}

/** The parts one after the other, in one buffer. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function sectionHeader(): Uint8Array {
  const body = new Uint8Array(16);
  const view = new DataView(body.buffer);
  view.setUint32(0, 0x1a2b3c4d, true);
  view.setUint16(4, 1, true);
  view.setUint16(6, 0, true);
  view.setBigInt64(8, -1n, true);
  return block(0x0a0d0d0a, body);
}

function interfaceBlock(iface: PcapngInterface): Uint8Array {
  const head = new Uint8Array(8);
  const view = new DataView(head.buffer);
  view.setUint16(0, iface.linkType, true);
  view.setUint32(4, iface.snaplen, true);
  const name = encoder.encode(iface.name);
  return block(0x00000001, concat([head, option(2, name), option(0, new Uint8Array(0))]));
}

function packetBlock(packet: PcapngPacket): Uint8Array {
  const head = new Uint8Array(20);
  const view = new DataView(head.buffer);
  const micros = BigInt(Math.round(packet.time * 1e6));
  view.setUint32(0, packet.interface, true);
  view.setUint32(4, Number(micros >> 32n), true);
  view.setUint32(8, Number(micros & 0xffffffffn), true);
  view.setUint32(12, packet.data.length, true);
  view.setUint32(16, packet.originalLength, true);
  return block(0x00000006, concat([head, packet.data, new Uint8Array(pad4(packet.data.length))]));
}

/**
 * The pcapng file of `packets` captured on `interfaces`.
 * @throws RangeError when a packet names an interface index that is not in the list.
 */
export function writePcapng(interfaces: readonly PcapngInterface[], packets: readonly PcapngPacket[]): Uint8Array {
  const parts = [sectionHeader(), ...interfaces.map(interfaceBlock)];
  for (const packet of packets) {
    if (!Number.isInteger(packet.interface) || packet.interface < 0 || packet.interface >= interfaces.length)
      throw new RangeError(`packet names interface ${packet.interface}; the file has ${interfaces.length}`);
    parts.push(packetBlock(packet));
  }
  return concat(parts);
}
