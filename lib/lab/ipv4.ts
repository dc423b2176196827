/** A parsed IPv4 CIDR such as `192.168.0.11/24`. */
import "server-only";
export type Cidr = { address: string; prefix: number; value: number };

const OCTETS = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The 32-bit value of a dotted-quad IPv4 address, or null if it is not one (no leading zeros). */
export function parseIpv4(text: string): number | null {
  const match = OCTETS.exec(text);
  if (!match) return null;
  let value = 0;
  for (const part of match.slice(1)) {
    if (part.length > 1 && part.startsWith("0")) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

/** Parses `a.b.c.d/n` with 1 <= n <= 32, or returns null. */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf("/");
  if (slash < 0) return null;
  const address = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,2}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  const value = parseIpv4(address);
  if (value === null || prefix < 1 || prefix > 32) return null;
  return { address, prefix, value };
}

/** True when `value` lies in `base/prefix`. */
export function inSubnet(value: number, base: number, prefix: number): boolean {
  const size = 2 ** (32 - prefix);
  return Math.floor(value / size) === Math.floor(base / size);
}
