import type { OrderedValue } from "./ordered-json";
import type { CapturedPacket, PacketLayer } from "./types";

/**
 * tshark's `-T json` packets → our layer model: Wireshark's protocol names in frame order (outer
 * first, the inner frame of a VXLAN or GRE packet after its outer layers), with the fields a student
 * and a trace need. Pure.
 */

type Pairs = [string, OrderedValue][];

/** Fields kept per protocol: our name → Wireshark's field, and whether it is a number. */
const FIELDS: Record<string, [string, string, "n" | "s"][]> = {
  eth: [
    ["src", "eth.src", "s"],
    ["dst", "eth.dst", "s"],
    ["type", "eth.type", "s"],
  ],
  vlan: [
    ["id", "vlan.id", "n"],
    ["priority", "vlan.priority", "n"],
  ],
  arp: [
    ["opcode", "arp.opcode", "n"],
    ["src", "arp.src.proto_ipv4", "s"],
    ["dst", "arp.dst.proto_ipv4", "s"],
    ["srcMac", "arp.src.hw_mac", "s"],
  ],
  ip: [
    ["src", "ip.src", "s"],
    ["dst", "ip.dst", "s"],
    ["protocol", "ip.proto", "n"],
    ["ttl", "ip.ttl", "n"],
    ["len", "ip.len", "n"],
  ],
  icmp: [
    ["type", "icmp.type", "n"],
    ["code", "icmp.code", "n"],
    ["ident", "icmp.ident", "n"],
    ["seq", "icmp.seq", "n"],
  ],
  udp: [
    ["srcport", "udp.srcport", "n"],
    ["dstport", "udp.dstport", "n"],
  ],
  tcp: [
    ["srcport", "tcp.srcport", "n"],
    ["dstport", "tcp.dstport", "n"],
    ["flags", "tcp.flags.str", "s"],
  ],
  vxlan: [["vni", "vxlan.vni", "n"]],
  data: [["len", "data.len", "n"]],
  gre: [
    ["protocol", "gre.proto", "s"],
    ["key", "gre.key", "n"],
  ],
};

/** Layers that are tshark's bookkeeping, not protocols of the frame. */
const SKIP = new Set(["frame", "_ws.malformed", "_ws.expert", "_ws.lua.fake", "_ws.short"]);
/** A protocol's key in tshark's JSON (a field has a dot, a subtree ends in `_tree`, a text node is capitalised). */
const PROTOCOL_KEY = /^[a-z][a-z0-9_-]*$/;

function isPairs(value: OrderedValue | undefined): value is { pairs: Pairs } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every (field, string value) of a layer, nested trees included, in order. */
function flatten(pairs: Pairs, out: Map<string, string> = new Map()): Map<string, string> {
  for (const [key, value] of pairs) {
    if (typeof value === "string") {
      if (!out.has(key)) out.set(key, value);
    } else if (isPairs(value)) {
      // A nested protocol (icmp's `data`, an ICMP error's quoted `ip`) is a layer of its own, not fields.
      if (key.endsWith("_tree") || key.includes(".")) flatten(value.pairs, out);
    }
  }
  return out;
}

function layerOf(proto: string, pairs: Pairs): PacketLayer {
  const fields = flatten(pairs);
  const layer: PacketLayer = { proto };
  for (const [name, field, kind] of FIELDS[proto] ?? []) {
    const raw = fields.get(field);
    if (raw === undefined) continue;
    layer[name] = kind === "n" ? numberOf(raw) : raw;
  }
  return layer;
}

function numberOf(raw: string): number | string {
  const value = raw.startsWith("0x") ? Number.parseInt(raw, 16) : Number(raw);
  return Number.isFinite(value) ? value : raw;
}

/** The layers of one packet (the `layers` object of tshark's JSON), outer first; nested ones (ICMP's quoted header) follow their parent. */
export function layersOf(layers: Pairs): PacketLayer[] {
  const out: PacketLayer[] = [];
  const walk = (pairs: Pairs) => {
    for (const [key, value] of pairs) {
      if (SKIP.has(key) || !isPairs(value)) continue;
      if (!PROTOCOL_KEY.test(key)) continue;
      out.push(layerOf(key, value.pairs));
      const nested = value.pairs.filter(([name, inner]) => PROTOCOL_KEY.test(name) && isPairs(inner));
      if (nested.length) walk(nested);
    }
  };
  walk(layers);
  return out;
}

function get(pairs: Pairs, key: string): OrderedValue | undefined {
  return pairs.find(([name]) => name === key)?.[1];
}

/**
 * Packets from tshark's JSON (an array of `{_source: {layers}}`) and its summary lines (one per packet:
 * protocol column, tab, info column). `at` names each packet's point from its interface name (pcapng
 * `if_name`) or, for a plain pcap, the given fallback. `hex` is the frame's bytes when given.
 * @throws Error when the JSON is not tshark's packet list.
 */
export function packetsFromTshark(
  json: OrderedValue,
  summaries: readonly string[],
  options: { at?: string; frames?: readonly Uint8Array[] } = {},
): CapturedPacket[] {
  if (!Array.isArray(json)) throw new Error("tshark's JSON is not a list of packets");
  return json.map((item, index) => {
    const source = isPairs(item) ? get(item.pairs, "_source") : undefined;
    const layers = isPairs(source) ? get(source.pairs, "layers") : undefined;
    if (!isPairs(layers)) throw new Error(`tshark's packet ${index + 1} has no layers`);
    const frame = get(layers.pairs, "frame");
    const frameFields = isPairs(frame) ? flatten(frame.pairs) : new Map<string, string>();
    const decoded = layersOf(layers.pairs);
    const [protocol = "", info = ""] = (summaries[index] ?? "").split("\t");
    const ip = [...decoded].reverse().find((layer) => layer.proto === "ip");
    const summary = [ip ? `${ip.src} → ${ip.dst}` : "", protocol, info].filter(Boolean).join(" ").replace(/\s+/g, " ");
    const bytes = options.frames?.[index];
    return {
      at: frameFields.get("frame.interface_name") ?? options.at ?? "",
      time: Number(frameFields.get("frame.time_epoch") ?? 0),
      len: Number(frameFields.get("frame.len") ?? 0),
      summary,
      layers: decoded,
      ...(bytes ? { hex: [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("") } : {}),
    };
  });
}
