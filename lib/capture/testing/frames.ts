import { concat } from "../pcapng";

/**
 * Real frames built byte by byte for tests and benches (Ethernet, 802.1Q, IPv4, ICMP echo, UDP, VXLAN),
 * with correct checksums, so Wireshark's dissectors decode them as they decode captured ones.
 */

function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return ~sum & 0xffff;
}

const mac = (text: string) => Uint8Array.from(text.split(":").map((part) => Number.parseInt(part, 16)));
const ip = (text: string) => Uint8Array.from(text.split(".").map(Number));

const join = (...parts: Uint8Array[]): Uint8Array => concat(parts);

/** An ICMP echo request (type 8) or reply (type 0) with `payload` bytes of data. */
export function icmpEcho(type: 0 | 8, id: number, seq: number, payload: number): Uint8Array {
  const out = new Uint8Array(8 + payload);
  out[0] = type;
  out[4] = id >> 8;
  out[5] = id & 0xff;
  out[6] = seq >> 8;
  out[7] = seq & 0xff;
  for (let i = 0; i < payload; i++) out[8 + i] = i & 0xff;
  const sum = checksum(out);
  out[2] = sum >> 8;
  out[3] = sum & 0xff;
  return out;
}

/** An IPv4 header (protocol 1 ICMP, 17 UDP) in front of `body`. */
export function ipv4(src: string, dst: string, protocol: number, body: Uint8Array): Uint8Array {
  const header = new Uint8Array(20);
  const total = 20 + body.length;
  header.set([0x45, 0, total >> 8, total & 0xff, 0, 1, 0x40, 0, 64, protocol], 0);
  header.set(ip(src), 12);
  header.set(ip(dst), 16);
  const sum = checksum(header);
  header[10] = sum >> 8;
  header[11] = sum & 0xff;
  return join(header, body);
}

/** A UDP header (checksum 0: none, valid for IPv4) in front of `body`. */
export function udp(srcPort: number, dstPort: number, body: Uint8Array): Uint8Array {
  const length = 8 + body.length;
  return join(
    Uint8Array.from([srcPort >> 8, srcPort & 0xff, dstPort >> 8, dstPort & 0xff, length >> 8, length & 0xff, 0, 0]),
    body,
  );
}

/** An Ethernet frame (with an 802.1Q tag when `vlan` is given) carrying IPv4 `body`. */
export function ethernet(src: string, dst: string, body: Uint8Array, vlan?: number): Uint8Array {
  const tag = vlan === undefined ? new Uint8Array(0) : Uint8Array.from([0x81, 0x00, vlan >> 8, vlan & 0xff]);
  return join(mac(dst), mac(src), tag, Uint8Array.from([0x08, 0x00]), body);
}

/** A VXLAN header (flags: VNI valid) with `vni` in front of the inner Ethernet frame. */
export function vxlan(vni: number, inner: Uint8Array): Uint8Array {
  return join(Uint8Array.from([0x08, 0, 0, 0, (vni >> 16) & 0xff, (vni >> 8) & 0xff, vni & 0xff, 0]), inner);
}

/** A ping request between two containers, tagged with `vlan` on the wire. */
export function taggedPing(vlan: number, src: string, dst: string, seq = 1): Uint8Array {
  return ethernet("02:42:ac:10:0b:0b", "02:42:ac:10:0b:0c", ipv4(src, dst, 1, icmpEcho(8, 0x1234, seq, 56)), vlan);
}

/** A ping between two overlay containers inside VXLAN `vni` between two host addresses. */
export function vxlanPing(vni: number, outer: [string, string], inner: [string, string], seq = 1): Uint8Array {
  const innerFrame = ethernet(
    "02:42:0a:00:00:02",
    "02:42:0a:00:00:03",
    ipv4(inner[0], inner[1], 1, icmpEcho(8, 7, seq, 56)),
  );
  return ethernet(
    "52:54:00:00:00:01",
    "52:54:00:00:00:02",
    ipv4(outer[0], outer[1], 17, udp(40000 + (seq % 1000), 4789, vxlan(vni, innerFrame))),
  );
}

/** An ARP request ("who has `target`? tell `sender`"), broadcast, tagged with `vlan` when given. */
export function arpRequest(senderMac: string, sender: string, target: string, vlan?: number): Uint8Array {
  const tag = vlan === undefined ? new Uint8Array(0) : Uint8Array.from([0x81, 0x00, vlan >> 8, vlan & 0xff]);
  const body = join(
    Uint8Array.from([0, 1, 0x08, 0x00, 6, 4, 0, 1]),
    mac(senderMac),
    ip(sender),
    new Uint8Array(6),
    ip(target),
  );
  return join(mac("ff:ff:ff:ff:ff:ff"), mac(senderMac), tag, Uint8Array.from([0x08, 0x06]), body);
}

/** An ICMP error (type 3: destination unreachable, code `code`) quoting the IP packet `offending`. */
export function icmpUnreachable(code: number, offending: Uint8Array): Uint8Array {
  const out = join(Uint8Array.from([3, code, 0, 0, 0, 0, 0, 0]), offending.subarray(0, 28));
  const sum = checksum(out);
  out[2] = sum >> 8;
  out[3] = sum & 0xff;
  return out;
}
