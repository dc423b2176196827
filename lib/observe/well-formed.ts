import "server-only";
import { formatCidr, formatIp, parseCidr, parseIp } from "../topology/ip";
import { type NameKind, nameProblem } from "../topology/names";

/**
 * Guards for data read from hosts. Everything a host says is untrusted: values that are not
 * well-formed are dropped, never passed on to the planner (whose commands may contain them).
 */

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** A name that Crossnet's own schema would accept for this kind; undefined otherwise. */
export function nameOf(value: unknown, kind: NameKind): string | undefined {
  return typeof value === "string" && nameProblem(value, kind) === undefined ? value : undefined;
}

/** A canonical dotted-quad IPv4 address, or undefined. */
export function ipv4Of(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const ip = parseIp(value);
  return ip === undefined ? undefined : formatIp(ip);
}

/** A canonical IPv4 network `a.b.c.d/n` (host bits cleared), or undefined. Bare addresses become /32. */
export function networkOf(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.includes("/") ? value : `${value}/32`;
  const parsed = parseCidr(text, false);
  return parsed ? formatCidr(parsed.cidr) : undefined;
}

/** An interface address `a.b.c.d/n` (host bits kept), or undefined. */
export function interfaceAddressOf(address: unknown, prefix: unknown): string | undefined {
  const ip = ipv4Of(address);
  if (ip === undefined || typeof prefix !== "number" || !Number.isInteger(prefix) || prefix < 0 || prefix > 32)
    return undefined;
  return `${ip}/${prefix}`;
}

// Printable text without control characters (labels, images, iptables tokens).
const PRINTABLE = /^[^\p{Cc}\p{Cs}]*$/u;

/** Printable text up to `max` characters, or undefined. */
export function textOf(value: unknown, max = 1024): string | undefined {
  return typeof value === "string" && value.length <= max && PRINTABLE.test(value) ? value : undefined;
}

/** Labels with printable keys and values; anything else is dropped. */
export function labelsOf(value: unknown): Record<string, string> {
  const labels: Record<string, string> = {};
  if (!isObject(value)) return labels;
  for (const key of Object.keys(value).sort()) {
    const text = textOf(value[key]);
    if (textOf(key, 256) !== undefined && key !== "" && text !== undefined) labels[key] = text;
  }
  return labels;
}

/** A VLAN id 1-4094, or undefined. */
export function vlanIdOf(value: unknown): number | undefined {
  const n = typeof value === "string" && /^\d{1,4}$/.test(value) ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 4094 ? n : undefined;
}
