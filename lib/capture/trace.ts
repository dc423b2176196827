import { type Text, t } from "../i18n/text";
import type { CapturedPacket, PacketLayer, TraceHop, TraceResult } from "./types";

/**
 * Reading a trace's captures (pure): which hops saw the one identifiable ping, and the last point the
 * request reached. The ping is identified by its size: an ICMP echo whose IP packet is
 * `28 + payload` bytes long, a size the prober picks for this trace only.
 */

/** The traced probe as sent: its payload size, the source's address and the target's (when known). */
export type TraceProbe = { payload: number; source: string | null; target: string | null };

/** The innermost ICMP layer of a frame and the IP header right before it. */
function innerIcmp(layers: readonly PacketLayer[]): { icmp: PacketLayer; ip: PacketLayer } | undefined {
  for (let i = layers.length - 1; i > 0; i--) {
    const layer = layers[i];
    const before = layers[i - 1];
    if (layer?.proto === "icmp" && before?.proto === "ip") return { icmp: layer, ip: before };
  }
  return undefined;
}

/** The frame is the probe's echo request (type 8) or reply (type 0). */
export function isProbeEcho(layers: readonly PacketLayer[], probe: TraceProbe, type: 0 | 8): boolean {
  const found = innerIcmp(layers);
  return found?.icmp.type === type && found.ip.len === 28 + probe.payload;
}

function arpRequest(layers: readonly PacketLayer[]): PacketLayer | undefined {
  return [...layers].reverse().find((layer) => layer.proto === "arp" && layer.opcode === 1);
}

/**
 * The hops of a trace in path order. `request` at a hop: the probe's echo request was seen there, or
 * an ARP request for the target (the frame that precedes the request toward a neighbour whose address
 * is not cached), or at the source container an ARP request from the source (the request waits there
 * for its next hop: a design with no route between them never sends it further).
 * `failed` names the points whose capture failed.
 */
export function traceHops(
  path: readonly string[],
  packets: readonly CapturedPacket[],
  probe: TraceProbe,
  failed: ReadonlyMap<string, string> = new Map(),
): TraceHop[] {
  return path.map((at, index) => {
    const here = packets.filter((packet) => packet.at === at);
    const request = here.find((packet) => isProbeEcho(packet.layers, probe, 8));
    const reply = here.find((packet) => isProbeEcho(packet.layers, probe, 0));
    const arp = here.find((packet) => {
      const layer = arpRequest(packet.layers);
      if (!layer) return false;
      return (
        (probe.target !== null && layer.dst === probe.target) || (probe.source !== null && layer.src === probe.source)
      );
    });
    const arpLayer = arp ? arpRequest(arp.layers) : undefined;
    const arpForTarget = probe.target !== null && arpLayer?.dst === probe.target;
    const arpAtSource = index === 0 && probe.source !== null && arpLayer?.src === probe.source;
    const error = failed.get(at);
    return {
      at,
      request: Boolean(request) || arpForTarget || arpAtSource,
      reply: Boolean(reply),
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
