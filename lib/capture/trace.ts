import { type Text, t } from "../i18n/text";
import type { CapturedPacket, PacketLayer, TraceHop, TraceResult } from "./types";

/**
 * Reading a trace's captures (pure): which hops saw the one identifiable ping, and the last point the
 * request reached. Only the probe's own frames count:
 * - its echo request: ICMP type 8 from the source's address to the target's, in an IP packet
 *   `28 + payload` bytes long (a size the prober picks for this trace only);
 * - its echo reply: ICMP type 0 from the target back to the source, same size, carrying the
 *   ident/seq of a request the trace saw.
 * Anybody's ARP for the target, a reply from another address, another ping, or the request quoted
 * inside an ICMP error is NOT the probe: counting such frames once put a cross-VLAN probe's "last
 * seen" in the other VLAN's container.
 */

/** The traced probe as sent: its payload size, the source's address and the target's (when known). */
export type TraceProbe = { payload: number; source: string | null; target: string | null };

/**
 * A frame's own ICMP header and the IP header right before it: the first ICMP layer (the inner one of
 * a VXLAN or GRE frame, whose outer layers carry none). An ICMP error quotes the offending IP + ICMP
 * header after its own, so a quoted echo is never taken for the frame's.
 */
function ownIcmp(layers: readonly PacketLayer[]): { icmp: PacketLayer; ip: PacketLayer } | undefined {
  const index = layers.findIndex((layer) => layer.proto === "icmp");
  const icmp = layers[index];
  const ip = layers[index - 1];
  return icmp && ip?.proto === "ip" ? { icmp, ip } : undefined;
}

/** `value` is `expected`, or `expected` is unknown (null). */
const matches = (value: PacketLayer[string] | undefined, expected: string | null) =>
  expected === null || value === expected;

/**
 * The frame is the probe's echo request (type 8: source → target) or reply (type 0: target → source),
 * by its ICMP type, its IP addresses and its size. Pairing a reply with its request (ident/seq) is
 * {@link traceHops}'s.
 */
export function isProbeEcho(layers: readonly PacketLayer[], probe: TraceProbe, type: 0 | 8): boolean {
  const found = ownIcmp(layers);
  if (!found || found.icmp.type !== type || found.ip.len !== 28 + probe.payload) return false;
  const [from, to] = type === 8 ? [probe.source, probe.target] : [probe.target, probe.source];
  return matches(found.ip.src, from) && matches(found.ip.dst, to);
}

/** An echo's ident/seq, the key that pairs a reply with its request. */
function echoKey(layers: readonly PacketLayer[]): string {
  const icmp = ownIcmp(layers)?.icmp;
  return `${icmp?.ident ?? "?"}/${icmp?.seq ?? "?"}`;
}

/** The frame is an ARP request sent by the probe's source (for its next hop: the target, or a gateway). */
function isSourceArp(layers: readonly PacketLayer[], probe: TraceProbe): boolean {
  return (
    probe.source !== null &&
    layers.some((layer) => layer.proto === "arp" && layer.opcode === 1 && layer.src === probe.source)
  );
}

/**
 * The hops of a trace in path order.
 * - `request`: the probe's echo request was seen there; or, at the source container only, the
 *   source's own ARP request was seen there and the echo nowhere on the path: the request is
 *   held at the source, waiting for the address of its next hop (a design with no route between the
 *   two never sends it further).
 * - `reply`: the probe's echo reply was seen there, paired (ident/seq) with a request the trace saw.
 * - `arp`: an ARP request from the source was seen there (shown, never counted beyond the source).
 * - `error`: the capture at this point failed (`failed` names them); then nothing was seen there.
 */
export function traceHops(
  path: readonly string[],
  packets: readonly CapturedPacket[],
  probe: TraceProbe,
  failed: ReadonlyMap<string, string> = new Map(),
): TraceHop[] {
  const requests = packets.filter((packet) => path.includes(packet.at) && isProbeEcho(packet.layers, probe, 8));
  const sent = new Set(requests.map((packet) => echoKey(packet.layers)));
  const isReply = (packet: CapturedPacket) =>
    isProbeEcho(packet.layers, probe, 0) && (sent.size === 0 || sent.has(echoKey(packet.layers)));
  return path.map((at, index) => {
    const here = packets.filter((packet) => packet.at === at);
    const request = requests.find((packet) => packet.at === at);
    const reply = here.find(isReply);
    const arp = here.find((packet) => isSourceArp(packet.layers, probe));
    const held = index === 0 && requests.length === 0 && arp !== undefined;
    const error = failed.get(at);
    return {
      at,
      request: request !== undefined || held,
      reply: reply !== undefined,
      layers: (request ?? reply ?? arp)?.layers ?? [],
      ...(arp ? { arp: true } : {}),
      ...(error ? { error } : {}),
    };
  });
}

/** The last hop (in path order) where the request was seen, or null when it was seen nowhere. */
export function lastSeen(hops: readonly TraceHop[]): string | null {
  for (let i = hops.length - 1; i >= 0; i--) if (hops[i]?.request) return hops[i]?.at ?? null;
  return null;
}

/** A payload size for a trace's ping: 1000-1399 bytes, far from the 56 of every other ping, under every MTU here. */
export function tracePayload(random: () => number): number {
  return 1000 + Math.floor(random() * 400);
}

/**
 * The sentence a failed cell's diagnosis gains once a trace ran (issue 15): where the request was last
 * seen, or that it was seen nowhere. Pure, for the dashboard and the CLI alike; append it to the
 * diagnosis (e.g. `joinTexts([diagnosis, lastSeenText(trace)], " ")`).
 */
export function lastSeenText(trace: Pick<TraceResult, "lastSeen" | "hops">): Text {
  if (trace.lastSeen === null) return t`A trace saw the request nowhere on its path.`;
  const index = trace.hops.findIndex((hop) => hop.at === trace.lastSeen);
  const next = trace.hops[index + 1]?.at;
  return next
    ? t`A trace last saw the request at ${trace.lastSeen}, not at ${next}.`
    : t`A trace saw the request arrive at ${trace.lastSeen}.`;
}
