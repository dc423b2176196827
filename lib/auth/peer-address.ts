import "server-only";
import { BlockList, isIP } from "node:net";

/**
 * Request header carrying the TCP peer's address, written by `crossnet serve`'s own HTTP server from
 * the socket (replacing whatever a client sent). Next 16 gives route handlers, server actions and
 * proxy.ts no access to the socket, and the `X-Forwarded-For` it fills in from the socket keeps a
 * value the client sent, so it cannot be used to tell clients apart.
 */
export const PEER_HEADER = "x-crossnet-peer";

/**
 * Environment flag `crossnet serve` sets in its own process before Next starts: only then is
 * {@link PEER_HEADER} known to come from the socket. Under a bare `next start` / `next dev` the
 * header could be forged, so it is ignored and the client address is {@link UNKNOWN_ADDRESS}.
 */
export const PEER_STAMPED_ENV = "CROSSNET_PEER_STAMPED";

/** The client address when the socket's peer is not known (not served by `crossnet serve`). */
export const UNKNOWN_ADDRESS = "unknown";

export type TrustedProxiesError = { code: "bad-trusted-proxies"; message: string };

/** An IP address in canonical form: IPv4-mapped IPv6 (`::ffff:1.2.3.4`) as IPv4; null if not an address. */
export function canonicalAddress(raw: string): string | null {
  let text = raw.trim();
  if (text.startsWith("[")) {
    const end = text.indexOf("]");
    if (end === -1) return null;
    text = text.slice(1, end);
  } else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d{1,5}$/.test(text)) {
    text = text.slice(0, text.lastIndexOf(":"));
  }
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(text);
  if (mapped?.[1]) text = mapped[1];
  const family = isIP(text);
  if (family === 0) return null;
  if (family === 4) return text;
  return expandIpv6(text);
}

/** The full eight-group, lower-case spelling of an IPv6 address (one key per address). */
function expandIpv6(text: string): string {
  let address = text.toLowerCase();
  const dotted = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split(".").map(Number);
    address = `${address.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = address.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const fill = tail === undefined ? [] : Array.from({ length: 8 - left.length - right.length }, () => "0");
  return [...left, ...fill, ...right].map((group) => group.padStart(4, "0")).join(":");
}

/**
 * The key an address is rate-limited under: an IPv4 address itself; for IPv6 its /64 (one
 * subscriber usually holds a whole /64, so per-address keys would be free to rotate).
 */
export function rateLimitKey(address: string): string {
  if (isIP(address) !== 6) return address;
  return `${address.split(":").slice(0, 4).join(":")}::/64`;
}

/**
 * Parses `CROSSNET_TRUSTED_PROXIES` (comma-separated addresses or CIDRs, e.g.
 * `127.0.0.1/32,10.0.0.0/8,::1`). Empty or unset means no proxy is trusted: `X-Forwarded-For` is
 * then never read. A malformed entry is an error naming it, not skipped.
 */
export function parseTrustedProxies(raw: string | undefined):
  | { ok: true; value: readonly string[] }
  | {
      ok: false;
      error: TrustedProxiesError;
    } {
  const entries = (raw ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const cidrs: string[] = [];
  for (const entry of entries) {
    const [address = "", prefixText, extra] = entry.split("/");
    const canonical = canonicalAddress(address);
    const family = canonical === null ? 0 : isIP(canonical);
    const max = family === 6 ? 128 : 32;
    const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : -1;
    if (canonical === null || extra !== undefined || prefix < 0 || prefix > max) {
      return {
        ok: false,
        error: {
          code: "bad-trusted-proxies",
          message: `CROSSNET_TRUSTED_PROXIES: '${entry.slice(0, 80)}' is not an address or CIDR (e.g. 10.0.0.0/8 or ::1)`,
        },
      };
    }
    cidrs.push(`${canonical}/${prefix}`);
  }
  return { ok: true, value: cidrs };
}

const lists = new Map<string, BlockList>();

function trustList(cidrs: readonly string[]): BlockList {
  const id = cidrs.join(",");
  let list = lists.get(id);
  if (!list) {
    list = new BlockList();
    for (const cidr of cidrs) {
      const [address = "", prefix = "32"] = cidr.split("/");
      list.addSubnet(address, Number(prefix), isIP(address) === 6 ? "ipv6" : "ipv4");
    }
    lists.set(id, list);
  }
  return list;
}

/** True when `address` (canonical) is inside one of the trusted CIDRs. */
export function isTrustedProxy(address: string, cidrs: readonly string[]): boolean {
  if (cidrs.length === 0) return false;
  const family = isIP(address);
  if (family === 0) return false;
  return trustList(cidrs).check(address, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address for rate limiting. `peer` is the socket's remote address; when it is a
 * trusted proxy, `X-Forwarded-For` is walked from the right (the hop the proxy itself appended)
 * past every trusted hop, and the first untrusted one is the client: entries left of it were
 * written by the client and prove nothing. Without a known peer the answer is
 * {@link UNKNOWN_ADDRESS}; a hop that is not an address is returned as `invalid:<hop>` (truncated),
 * so it still counts against itself and can never pose as {@link UNKNOWN_ADDRESS}.
 */
export function resolveClientAddress(input: {
  peer: string | null | undefined;
  forwardedFor: string | null | undefined;
  trustedProxies: readonly string[];
}): string {
  const peer = input.peer ? canonicalAddress(input.peer) : null;
  if (peer === null) return UNKNOWN_ADDRESS;
  if (!isTrustedProxy(peer, input.trustedProxies)) return peer;
  const hops = (input.forwardedFor ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter((hop) => hop !== "");
  let leftmost = peer;
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = hops[i] ?? "";
    const address = canonicalAddress(hop);
    if (address === null) return `invalid:${hop.slice(0, 56)}`;
    if (!isTrustedProxy(address, input.trustedProxies)) return address;
    leftmost = address;
  }
  return leftmost;
}

/**
 * Writes the socket's peer address into {@link PEER_HEADER} on an incoming request's headers,
 * replacing any value the client sent (Node lower-cases header names). Used by `crossnet serve`.
 */
export function stampPeer(
  headers: Record<string, string | string[] | undefined>,
  remoteAddress: string | undefined,
): void {
  delete headers[PEER_HEADER];
  if (remoteAddress) headers[PEER_HEADER] = remoteAddress;
}
