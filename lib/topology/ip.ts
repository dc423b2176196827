/** IPv4 arithmetic on unsigned 32-bit numbers. Pure; no Node APIs (runs in the browser too). */

export type Cidr = { network: number; prefix: number };

const OCTET = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;

/** Parses a dotted quad in canonical form (no leading zeros); undefined when malformed. */
export function parseIp(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

export function formatIp(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
}

export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Parses `a.b.c.d/n`; `strict` also requires the host bits to be zero (a network, not an interface address). */
export function parseCidr(text: string, strict = true): { ip: number; cidr: Cidr } | undefined {
  const slash = text.indexOf("/");
  if (slash < 0) return undefined;
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (ip === undefined || !/^(3[0-2]|[12]?[0-9])$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const network = (ip & maskOf(prefix)) >>> 0;
  if (strict && network !== ip) return undefined;
  return { ip, cidr: { network, prefix } };
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIp(cidr.network)}/${cidr.prefix}`;
}

export function broadcastOf(cidr: Cidr): number {
  return (cidr.network | (~maskOf(cidr.prefix) >>> 0)) >>> 0;
}

export function contains(cidr: Cidr, ip: number): boolean {
  return (ip & maskOf(cidr.prefix)) >>> 0 === cidr.network;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  const prefix = Math.min(a.prefix, b.prefix);
  const mask = maskOf(prefix);
  return (a.network & mask) >>> 0 === (b.network & mask) >>> 0;
}

/** Number of addresses a container can use: all but network, broadcast (and nothing else). */
export function usableCount(cidr: Cidr): number {
  if (cidr.prefix >= 31) return 2 ** (32 - cidr.prefix);
  return 2 ** (32 - cidr.prefix) - 2;
}

/** First usable address: what Docker picks as the default gateway. */
export function firstUsable(cidr: Cidr): number {
  return cidr.prefix >= 31 ? cidr.network : cidr.network + 1;
}

export function lastUsable(cidr: Cidr): number {
  const broadcast = broadcastOf(cidr);
  return cidr.prefix >= 31 ? broadcast : broadcast - 1;
}

/** `192.168.0.102/24` → address part only. */
export function addressOf(cidrText: string): string {
  const slash = cidrText.indexOf("/");
  return slash < 0 ? cidrText : cidrText.slice(0, slash);
}
