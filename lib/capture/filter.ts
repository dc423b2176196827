import { parsePointId } from "../plan/point-id";
import { WIRE } from "./points";

/**
 * Capture filters and point ids, checked before anything runs. A filter is either built from fields
 * (host, protocol, port, VLAN) or a user expression that must pass an allow-list grammar: BPF
 * keywords, numbers, IPv4 addresses and networks, MAC addresses, parentheses and the boolean
 * operators, nothing else (no byte offsets, no quotes, no shell characters). tcpdump then compiles it
 * on the host (`tcpdump -d`) as the last check. Pure.
 */

/** Longest filter expression accepted (characters). */
export const MAX_FILTER_LENGTH = 256;

/** The protocols a built filter may name (Wireshark's names, also tcpdump's primitives). */
export const FILTER_PROTOCOLS = ["icmp", "arp", "udp", "tcp", "ip", "ip6", "gre"] as const;
export type FilterProtocol = (typeof FILTER_PROTOCOLS)[number];

/** A filter from fields: every given field must match (`and`). */
export type FilterFields = { host?: string; proto?: FilterProtocol; port?: number; vlan?: number };

export type FilterProblem = { path: string; message: string };

const KEYWORDS = new Set([
  "host",
  "net",
  "mask",
  "port",
  "portrange",
  "src",
  "dst",
  "and",
  "or",
  "not",
  "ether",
  "ip",
  "ip6",
  "arp",
  "rarp",
  "icmp",
  "icmp6",
  "tcp",
  "udp",
  "vlan",
  "gre",
  "proto",
  "broadcast",
  "multicast",
  "less",
  "greater",
  "len",
  "mpls",
  "inbound",
  "outbound",
]);

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const TOKEN = / *(\(|\)|&&|\|\||!|[A-Za-z0-9][A-Za-z0-9.:/-]*)/y;
const MAC = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/;
const NUMBER = /^\d{1,5}$/;

function isIpv4Net(word: string): boolean {
  const [ip, prefix, ...rest] = word.split("/");
  if (rest.length || !ip || !IPV4.test(ip)) return false;
  return prefix === undefined || (/^\d{1,2}$/.test(prefix) && Number(prefix) <= 32);
}

/** True when `value` is a dotted IPv4 address. */
export function isIpv4(value: string): boolean {
  return IPV4.test(value);
}

/**
 * Checks a user's filter expression against the allow-list grammar; returns the problems (empty when
 * it may be handed to tcpdump). The empty string means "no filter" and is fine.
 */
export function checkFilterExpression(expression: string): FilterProblem[] {
  const problem = (message: string) => [{ path: "filter", message }];
  if (expression.length > MAX_FILTER_LENGTH)
    return problem(`the filter is ${expression.length} characters long; at most ${MAX_FILTER_LENGTH} are accepted`);
  const bad = /[^\x20-\x7e]/.exec(expression);
  if (bad)
    return problem(
      `the filter has the control or non-ASCII character ${printable(bad[0])} at position ${bad.index + 1}: write it on one line, in plain ASCII`,
    );
  const text = expression.trim();
  if (!text) return [];
  let depth = 0;
  let expectOperand = true;
  TOKEN.lastIndex = 0;
  let position = 0;
  while (position < text.length) {
    TOKEN.lastIndex = position;
    const match = TOKEN.exec(text);
    if (!match?.[1]) {
      const at = text.slice(position).trimStart()[0] ?? "";
      return problem(
        `the filter has '${printable(at)}' at position ${position + 1}: only BPF keywords, numbers, IPv4 addresses, MAC addresses, ( ) ! && || are accepted (e.g. 'vlan 10 and icmp')`,
      );
    }
    const token = match[1];
    position = TOKEN.lastIndex;
    if (token === "(") {
      depth += 1;
      expectOperand = true;
    } else if (token === ")") {
      if (depth === 0 || expectOperand) return problem(`the filter has an unexpected ')' before position ${position}`);
      depth -= 1;
    } else if (token === "&&" || token === "||" || token === "and" || token === "or") {
      if (expectOperand) return problem(`the filter has '${token}' where a condition was expected`);
      expectOperand = true;
    } else if (token === "!" || token === "not") {
      expectOperand = true;
    } else if (KEYWORDS.has(token.toLowerCase())) {
      expectOperand = false;
    } else if (NUMBER.test(token) || isIpv4Net(token) || MAC.test(token)) {
      expectOperand = false;
    } else {
      return problem(
        `the filter word '${printable(token)}' is not a BPF keyword, a number, an IPv4 address or a MAC address`,
      );
    }
  }
  if (depth !== 0) return problem("the filter has an unclosed '('");
  if (expectOperand) return problem("the filter ends with an operator: add the condition after it");
  return [];
}

/**
 * A BPF expression from fields (every field must match), or the problems with the fields. A protocol
 * or host on the wire also matches 802.1Q-tagged frames (`icmp` alone does not: tcpdump's filter does
 * not look past the tag), and a VLAN id alone keeps every tagged frame of that VLAN.
 */
export function buildFilter(fields: FilterFields): { filter: string } | { problems: FilterProblem[] } {
  const problems: FilterProblem[] = [];
  if (fields.host !== undefined && !isIpv4(fields.host))
    problems.push({
      path: "host",
      message: `'${printable(fields.host)}' is not an IPv4 address (write e.g. 10.0.0.2)`,
    });
  if (fields.proto !== undefined && !FILTER_PROTOCOLS.includes(fields.proto))
    problems.push({
      path: "proto",
      message: `protocol '${printable(String(fields.proto))}' is not one of ${FILTER_PROTOCOLS.join(", ")}`,
    });
  if (fields.port !== undefined && !(Number.isInteger(fields.port) && fields.port >= 1 && fields.port <= 65535))
    problems.push({ path: "port", message: `port ${fields.port} is not a whole number from 1 to 65535` });
  if (fields.vlan !== undefined && !(Number.isInteger(fields.vlan) && fields.vlan >= 1 && fields.vlan <= 4094))
    problems.push({ path: "vlan", message: `VLAN id ${fields.vlan} is not a whole number from 1 to 4094` });
  if (fields.port !== undefined && fields.proto !== undefined && fields.proto !== "udp" && fields.proto !== "tcp")
    problems.push({ path: "port", message: `a port needs protocol udp or tcp, not ${fields.proto}` });
  if (problems.length) return { problems };
  const inner = [
    ...(fields.proto ? [fields.proto] : []),
    ...(fields.host ? [`host ${fields.host}`] : []),
    ...(fields.port !== undefined ? [`port ${fields.port}`] : []),
  ].join(" and ");
  if (fields.vlan !== undefined) return { filter: inner ? `vlan ${fields.vlan} and ${inner}` : `vlan ${fields.vlan}` };
  return { filter: inner ? `(${inner}) or (vlan and ${inner})` : "" };
}

/**
 * Checks capture point ids against the design's points (`known`, from {@link capturePoints}); returns
 * the problems: a malformed id, an id the design does not have (with the nearest valid ones), a
 * duplicate, no point at all, or more than `max`.
 */
export function checkPointIds(ids: readonly string[], known: readonly string[], max = 16): FilterProblem[] {
  if (ids.length === 0) return [{ path: "at", message: "no capture point given: name one with --at, e.g. --at wire" }];
  if (ids.length > max) return [{ path: "at", message: `${ids.length} capture points given; at most ${max} at once` }];
  const problems: FilterProblem[] = [];
  const seen = new Set<string>();
  const knownSet = new Set(known);
  ids.forEach((id, index) => {
    const path = `at[${index}]`;
    if (parsePointId(id) === null) {
      problems.push({
        path,
        message: `'${printable(id)}' is not a capture point id (write HOST:IFACE, container:NAME[:IFACE] or wire[:HOST])`,
      });
      return;
    }
    if (seen.has(id)) problems.push({ path, message: `capture point '${id}' is given twice` });
    seen.add(id);
    if (!knownSet.has(id)) {
      const prefix = id.split(":")[0] ?? "";
      const near = known.filter((candidate) => candidate.startsWith(`${prefix}:`) || candidate === prefix).slice(0, 6);
      const lab = id === WIRE || id.startsWith(`${WIRE}:`) ? " (the wire exists only on the lab)" : "";
      problems.push({
        path,
        message: `the design has no capture point '${id}'${lab}${near.length ? `; e.g. ${near.join(", ")}` : ""}`,
      });
    }
  });
  return problems;
}

/** A value shown in a message: control characters escaped, at most 40 characters. */
function printable(value: string): string {
  const shown = value.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
}
