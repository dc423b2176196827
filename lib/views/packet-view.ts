import type { CapturedPacket, PacketLayer } from "../capture/types";

/**
 * How the dashboard shows a captured packet, decided here (pure) so the packet list, the layer tree
 * and lessons agree: its colour by protocol, the badges that make a VLAN tag or a VNI stand out, the
 * split of an encapsulated frame into outer headers, tunnel and inner headers, and its hex rows.
 */

/** Colour slots (the theme's `--net-N` variables, tuned for light and dark) by Wireshark protocol name. */
const COLOUR_SLOT: Record<string, number> = {
  icmp: 2,
  icmpv6: 2,
  arp: 4,
  vlan: 1,
  vxlan: 3,
  gre: 6,
  udp: 0,
  tcp: 5,
  dns: 0,
};

/** Layers that only carry what follows; the packet is coloured by the one above them. */
const CARRIERS = new Set(["frame", "eth", "sll", "data", "ip", "ipv6", "vlan"]);

/** Tunnel layers: what precedes is the outer frame, what follows the inner one. */
const TUNNELS = new Set(["vxlan", "gre", "geneve"]);

/** The protocol a packet is known by: its innermost layer that is more than a carrier (else its last layer). */
export function packetProtocol(packet: Pick<CapturedPacket, "layers">): string {
  const layers = packet.layers;
  for (let i = layers.length - 1; i >= 0; i--) {
    const proto = layers[i]?.proto ?? "";
    if (!CARRIERS.has(proto)) return proto;
  }
  return layers.at(-1)?.proto ?? "?";
}

/** The CSS colour of a protocol: a theme variable, so it reads in both themes. */
export function protocolColour(proto: string): string {
  return `var(--net-${COLOUR_SLOT[proto] ?? 7})`;
}

/** Where a layer sits in an encapsulated frame; `plain` when the frame has no tunnel. */
export type LayerRole = "outer" | "tunnel" | "inner" | "plain";

/** A field of a layer, marked when it is what a student should notice (a VLAN id, a VNI, the tunnel's UDP port). */
export type FieldView = { name: string; value: string; highlight: boolean };

export type LayerView = { proto: string; role: LayerRole; fields: FieldView[]; highlight: boolean };

/** A number field under any of its usual names (`id`/`vid`, `dstport`/`dst_port`…), or null. */
function numberField(layer: PacketLayer, names: readonly string[]): number | null {
  for (const name of names) {
    const value = layer[name];
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  }
  return null;
}

const VLAN_ID = ["id", "vid", "vlan_id"] as const;
const VNI = ["vni", "id"] as const;
const DST_PORT = ["dstport", "dst_port", "dport"] as const;
const SRC_PORT = ["srcport", "src_port", "sport"] as const;

/** Ports that mark a tunnel's outer UDP header (VXLAN's IANA port, Linux's old default, Geneve). */
const TUNNEL_PORTS = new Set([4789, 8472, 6081]);

function isHighlighted(layer: PacketLayer, field: string, role: LayerRole): boolean {
  if (layer.proto === "vlan") return (VLAN_ID as readonly string[]).includes(field);
  if (layer.proto === "vxlan") return field === "vni";
  if (layer.proto === "gre") return field === "key";
  if (layer.proto === "udp" && role === "outer") {
    const port = numberField(layer, [field]);
    return (
      port !== null && TUNNEL_PORTS.has(port) && [...DST_PORT, ...SRC_PORT].includes(field as (typeof DST_PORT)[number])
    );
  }
  return false;
}

/** The layers in order, each with its role and fields (sorted by name; `proto` left out), highlights marked. */
export function layerViews(layers: readonly PacketLayer[]): LayerView[] {
  const tunnel = layers.findIndex((layer) => TUNNELS.has(layer.proto));
  return layers.map((layer, index) => {
    const role: LayerRole = tunnel === -1 ? "plain" : index < tunnel ? "outer" : index === tunnel ? "tunnel" : "inner";
    const fields = Object.keys(layer)
      .filter((name) => name !== "proto")
      .sort()
      .map((name) => ({ name, value: String(layer[name]), highlight: isHighlighted(layer, name, role) }));
    return {
      proto: layer.proto,
      role,
      fields,
      highlight: layer.proto === "vlan" || TUNNELS.has(layer.proto) || fields.some((field) => field.highlight),
    };
  });
}

/** A short mark on a packet's row: its 802.1Q tag, its VNI, the tunnel's outer UDP port. */
export type Badge = { kind: "vlan" | "vni" | "gre" | "port"; text: string };

/** The badges of a packet, outer first: `VLAN 10`, `VNI 4096`, `UDP 4789`. */
export function packetBadges(packet: Pick<CapturedPacket, "layers">): Badge[] {
  const badges: Badge[] = [];
  const tunnel = packet.layers.findIndex((layer) => TUNNELS.has(layer.proto));
  packet.layers.forEach((layer, index) => {
    if (layer.proto === "vlan") {
      const id = numberField(layer, VLAN_ID);
      if (id !== null) badges.push({ kind: "vlan", text: `VLAN ${id}` });
    } else if (layer.proto === "vxlan") {
      const vni = numberField(layer, VNI);
      if (vni !== null) badges.push({ kind: "vni", text: `VNI ${vni}` });
    } else if (layer.proto === "gre") {
      const key = numberField(layer, ["key"]);
      badges.push({ kind: "gre", text: key === null ? "GRE" : `GRE key ${key}` });
    } else if (layer.proto === "udp" && index < tunnel) {
      const port = numberField(layer, DST_PORT);
      if (port !== null && TUNNEL_PORTS.has(port)) badges.push({ kind: "port", text: `UDP ${port}` });
    }
  });
  return badges;
}

/** Seconds since the first packet, with microseconds (as Wireshark's default time column). */
export function relativeTime(time: number, first: number): string {
  return Math.max(0, time - first).toFixed(6);
}

/** One row of the hex view: its offset, up to `width` bytes in hex, and their printable ASCII. */
export type HexRow = { offset: string; hex: string[]; ascii: string };

/**
 * The hex view of a packet's bytes (`hex` as Wireshark gives it: pairs of hex digits, separators
 * allowed). Bytes that are not printable ASCII show as `.`. An odd or non-hex input gives no rows.
 */
export function hexRows(hex: string | undefined, width = 16): HexRow[] {
  const clean = (hex ?? "").replace(/[\s:]/g, "");
  if (clean.length === 0 || clean.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(clean)) return [];
  const bytes = clean.toLowerCase().match(/../g) ?? [];
  const rows: HexRow[] = [];
  for (let start = 0; start < bytes.length; start += width) {
    const chunk = bytes.slice(start, start + width);
    const ascii = chunk
      .map((pair) => {
        const code = Number.parseInt(pair, 16);
        return code >= 0x20 && code < 0x7f ? String.fromCharCode(code) : ".";
      })
      .join("");
    rows.push({ offset: start.toString(16).padStart(4, "0"), hex: chunk, ascii });
  }
  return rows;
}

/** Every value a field takes across packets (e.g. the VLAN ids seen on a wire), numbers ascending, strings after. */
export function fieldValues(
  packets: readonly Pick<CapturedPacket, "layers">[],
  proto: string,
  field: string,
): string[] {
  const values = new Set<string>();
  for (const packet of packets)
    for (const layer of packet.layers)
      if (layer.proto === proto && layer[field] !== undefined) values.add(String(layer[field]));
  return [...values].sort((a, b) => {
    const x = Number(a);
    const y = Number(b);
    if (Number.isFinite(x) && Number.isFinite(y)) return x - y;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}
