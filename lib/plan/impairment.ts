import type { Topology } from "../topology/schema";
import { MAX_POINT_ID_LENGTH, type PointRef, parsePointId } from "./point-id";

/**
 * Link impairments: reversible faults put on one point of a design (a host NIC, a VLAN
 * sub-interface, or a container's interface) to show what a down, slow or lossy link does.
 * Pure: parsing, validation and the argv that apply and clear each one. Every value that reaches a
 * command is allow-listed here first (numbers re-rendered from parsed numbers, names checked against
 * the design), so hostile input never becomes an argument.
 */

/** Where an impairment sits: `HOST:IFACE`, or `container:NAME[:IFACE]` (default `eth0`). */
export type ImpairPoint =
  | { kind: "host"; host: string; iface: string }
  | { kind: "container"; container: string; iface: string };

/** One impairment, its value normalised (rate in bit/s, loss in percent, delay in ms). */
export type Impairment =
  | { kind: "down" }
  | { kind: "rate"; bitsPerSecond: number }
  | { kind: "loss"; percent: number }
  | { kind: "delay"; ms: number };

export type ImpairmentKind = Impairment["kind"];

/** A refused input: which field, why, and how to fix it. */
export type ImpairProblem = { field: "point" | "rate" | "loss" | "delay" | "action"; message: string; hint: string };

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: ImpairProblem };

/**
 * The handle of the root qdisc Crossnet installs (tbf or netem). It is Crossnet's label on a qdisc:
 * observe, drift and destroy touch only root qdiscs with this handle, never someone else's.
 */
export const IMPAIR_QDISC_HANDLE = "c0de:";

/** The iptables comment on Crossnet's loss rules: observe, drift and destroy touch only rules with it. */
export const IMPAIR_RULE_COMMENT = "crossnet-impair";

/** Bounds of accepted values (a rate below 8 kbit/s or a delay above 10 s is a typo, not a lesson). */
export const IMPAIR_LIMITS = {
  minBitsPerSecond: 8_000,
  maxBitsPerSecond: 100_000_000_000,
  maxDelayMs: 10_000,
} as const;

const CONTAINER_IFACE = /^eth[0-9]{1,2}$/;

function fail<T>(field: ImpairProblem["field"], message: string, hint: string): Parsed<T> {
  return { ok: false, problem: { field, message, hint } };
}

/** Text of a value for a message: printable ASCII only, at most 40 characters. */
function shown(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, "?");
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

/**
 * Parses a point id and checks it names something of the design: a design host and one of its NICs
 * or VLAN sub-interfaces, or a design container (interface `eth0`…`eth99`).
 */
export function parseImpairPoint(text: string, topology: Topology): Parsed<ImpairPoint> {
  const hint =
    "Write HOST:IFACE (a NIC or VLAN sub-interface of the design, e.g. node-1:ens33.10) or container:NAME[:IFACE] (e.g. container:bbox-1:eth0).";
  if (text.length > MAX_POINT_ID_LENGTH)
    return fail("point", `the point is longer than ${MAX_POINT_ID_LENGTH} characters`, hint);
  const point = parsePointId(text) ?? nearestPoint(text);
  if (point === null || point.kind === "wire") return fail("point", `'${shown(text)}' is not a point`, hint);
  if (point.kind === "container") {
    const { container, iface = "eth0" } = point;
    if (!Object.hasOwn(topology.containers ?? {}, container))
      return fail("point", `container '${shown(container)}' is not in the design ${topology.name}`, hint);
    if (!CONTAINER_IFACE.test(iface))
      return fail(
        "point",
        `container interface '${shown(iface)}' is not eth0…eth99`,
        "Docker names a container's interfaces eth0, eth1, … in the order of its networks.",
      );
    return { ok: true, value: { kind: "container", container, iface } };
  }
  const { host, iface } = point;
  if (!Object.hasOwn(topology.hosts, host))
    return fail("point", `host '${shown(host)}' is not in the design ${topology.name}`, hint);
  if (!designInterfaces(topology, host).includes(iface))
    return fail(
      "point",
      `'${shown(iface)}' is not an interface of ${host} in the design`,
      `Interfaces of ${host}: ${designInterfaces(topology, host).join(", ") || "none"}.`,
    );
  return { ok: true, value: { kind: "host", host, iface } };
}

/**
 * What a refused id seems to name, for a message that says which part is wrong (`node-1:eth0;x` is
 * node-1 with a bad interface). Its parts are only compared with the design's names, never used.
 */
function nearestPoint(text: string): PointRef | null {
  const [head = "", second = "", ...rest] = text.split(":");
  if (head === "container") return { kind: "container", container: second, iface: rest.join(":") || "eth0" };
  return rest.length === 0 && second ? { kind: "host", host: head, iface: second } : null;
}

/** The design's NICs and VLAN sub-interfaces of one host, in document order. */
export function designInterfaces(topology: Topology, host: string): string[] {
  const nics = topology.hosts[host]?.nics ?? {};
  return Object.entries(nics).flatMap(([nic, definition]) => [
    nic,
    ...Object.keys(definition.vlans ?? {}).map((vid) => `${nic}.${vid}`),
  ]);
}

/** `HOST:IFACE` or `container:NAME:IFACE`. */
export function pointId(point: ImpairPoint): string {
  return point.kind === "host" ? `${point.host}:${point.iface}` : `container:${point.container}:${point.iface}`;
}

const UNITS: Record<string, number> = { kbit: 1e3, mbit: 1e6, gbit: 1e9, bit: 1 };

/** A rate as `tc` writes it: `500kbit`, `10mbit`, `1gbit` (SI, bits per second); bounds in {@link IMPAIR_LIMITS}. */
export function parseRate(text: string): Parsed<number> {
  const hint = "Write a whole number with kbit, mbit or gbit, e.g. 10mbit (8kbit … 100gbit).";
  const match = /^([1-9][0-9]{0,11})(bit|kbit|mbit|gbit)$/.exec(text.trim().toLowerCase());
  if (!match) return fail("rate", `rate '${shown(text)}' is not a rate`, hint);
  const bits = Number(match[1]) * (UNITS[match[2] ?? ""] ?? 0);
  if (bits < IMPAIR_LIMITS.minBitsPerSecond || bits > IMPAIR_LIMITS.maxBitsPerSecond)
    return fail("rate", `rate '${shown(text)}' is outside 8kbit … 100gbit`, hint);
  return { ok: true, value: bits };
}

/** A loss share in percent, `0.01` … `100` with at most two decimals, `%` optional. */
export function parseLoss(text: string): Parsed<number> {
  const hint = "Write a percentage above 0 and up to 100 with at most two decimals, e.g. 5 or 30% or 0.5.";
  const match = /^([0-9]{1,3}(?:\.[0-9]{1,2})?)%?$/.exec(text.trim());
  const percent = match ? Number(match[1]) : Number.NaN;
  if (!(percent > 0 && percent <= 100))
    return fail("loss", `loss '${shown(text)}' is not a percentage in (0, 100]`, hint);
  return { ok: true, value: percent };
}

/** A delay, `1ms` … `10000ms` (or `s`), whole units. */
export function parseDelay(text: string): Parsed<number> {
  const hint = "Write a whole number of milliseconds or seconds, e.g. 100ms or 2s (at most 10 s).";
  const match = /^([1-9][0-9]{0,4})(ms|s)$/.exec(text.trim());
  const ms = match ? Number(match[1]) * (match[2] === "s" ? 1000 : 1) : Number.NaN;
  if (!(ms >= 1 && ms <= IMPAIR_LIMITS.maxDelayMs))
    return fail("delay", `delay '${shown(text)}' is not 1ms … 10s`, hint);
  return { ok: true, value: ms };
}

/** `10mbit` from bits per second (the largest unit that divides it). */
export function formatRate(bits: number): string {
  for (const [unit, size] of [
    ["gbit", 1e9],
    ["mbit", 1e6],
    ["kbit", 1e3],
  ] as const)
    if (bits % size === 0) return `${bits / size}${unit}`;
  return `${Math.round(bits)}bit`;
}

/** A short human description: `down`, `rate 10mbit`, `loss 30%`, `delay 100ms`. */
export function describeImpairment(impairment: Impairment): string {
  switch (impairment.kind) {
    case "down":
      return "down";
    case "rate":
      return `rate ${formatRate(impairment.bitsPerSecond)}`;
    case "loss":
      return `loss ${impairment.percent}%`;
    case "delay":
      return `delay ${impairment.ms}ms`;
  }
}

/** The iptables probability for a percentage, fixed to 4 decimals (`0.3000`). */
export function probabilityOf(percent: number): string {
  return (Math.round(percent * 100) / 10_000).toFixed(4);
}

/** tbf's bucket: 20 ms worth of the rate, at least 3,200 bytes (two full frames). */
export function burstBytes(bits: number): number {
  return Math.max(3200, Math.ceil(bits / 8 / 50));
}

/** The iptables rule spec (after the chain) that drops `percent` of what arrives on `iface`. */
export function lossSpec(iface: string, percent: number): string[] {
  return [
    "-i",
    iface,
    "-m",
    "statistic",
    "--mode",
    "random",
    "--probability",
    probabilityOf(percent),
    "-m",
    "comment",
    "--comment",
    IMPAIR_RULE_COMMENT,
    "-j",
    "DROP",
  ];
}

/**
 * The command that applies one impairment to an interface, run in the point's network namespace
 * (the host's own, or the container's through {@link inNetns}). `down` sets the link down; `rate`
 * and `delay` replace the root qdisc (handle {@link IMPAIR_QDISC_HANDLE}); `loss` inserts a `raw`
 * PREROUTING rule with the statistic match (ingress: before routing and conntrack, for packets to
 * the namespace and through it).
 */
export function applyArgv(iface: string, impairment: Impairment): string[] {
  const rootQdisc = ["tc", "qdisc", "replace", "dev", iface, "root", "handle", IMPAIR_QDISC_HANDLE];
  switch (impairment.kind) {
    case "down":
      return ["ip", "link", "set", iface, "down"];
    case "rate":
      return [
        ...rootQdisc,
        "tbf",
        "rate",
        formatRate(impairment.bitsPerSecond),
        "burst",
        String(burstBytes(impairment.bitsPerSecond)),
        "latency",
        "100ms",
      ];
    case "delay":
      return [...rootQdisc, "netem", "delay", `${impairment.ms}ms`];
    case "loss":
      return ["iptables", "-w", "5", "-t", "raw", "-I", "PREROUTING", ...lossSpec(iface, impairment.percent)];
  }
}

/** The command that undoes one observed impairment (what repair, destroy and `--clear` run). */
export function clearArgv(iface: string, impairment: Impairment): string[] {
  switch (impairment.kind) {
    case "down":
      return ["ip", "link", "set", iface, "up"];
    case "rate":
    case "delay":
      return ["tc", "qdisc", "del", "dev", iface, "root", "handle", IMPAIR_QDISC_HANDLE];
    case "loss":
      return ["iptables", "-w", "5", "-t", "raw", "-D", "PREROUTING", ...lossSpec(iface, impairment.percent)];
  }
}

/** Wraps a command so it runs in a container's network namespace, entered by the container's PID. */
export function inNetns(pid: number, argv: string[]): string[] {
  if (!Number.isInteger(pid) || pid <= 1 || pid >= 2 ** 31) throw new RangeError(`pid ${pid} is not a process id`);
  return ["nsenter", `--net=/proc/${pid}/ns/net`, "--", ...argv];
}

/**
 * Why a delay failed, when the kernel lacks `sch_netem` (tc says the qdisc kind is unknown):
 * the one impairment this lab's kernel cannot do. Undefined for any other failure.
 */
export function netemMissing(stderr: string): string | undefined {
  if (/qdisc kind is unknown|Specified qdisc not found|Unknown qdisc "netem"|netem.*(not found|unknown)/i.test(stderr))
    return "this host's kernel has no sch_netem (the netem qdisc), so delay cannot be emulated here; rate limits (tbf), loss (iptables statistic) and down work";
  return undefined;
}

/** What `crossnet impair` (or the dashboard's dialog) asks for. */
export type ImpairRequest =
  | { action: "apply"; point: ImpairPoint; impairment: Impairment }
  | { action: "clear"; points: ImpairPoint[] };

/** The raw options of an impair request, as typed (strings from a command line or a form). */
export type ImpairInput = {
  at?: string | undefined;
  down?: boolean | undefined;
  rate?: string | undefined;
  loss?: string | undefined;
  delay?: string | undefined;
  clear?: boolean | undefined;
};

/**
 * Checks an impair request completely before anything runs: exactly one of down / rate / loss /
 * delay / clear, a point of the design (optional only with clear), and values inside their bounds.
 */
export function parseImpairRequest(input: ImpairInput, topology: Topology): Parsed<ImpairRequest> {
  const chosen = [
    input.down ? "--down" : undefined,
    input.rate !== undefined ? "--rate" : undefined,
    input.loss !== undefined ? "--loss" : undefined,
    input.delay !== undefined ? "--delay" : undefined,
    input.clear ? "--clear" : undefined,
  ].filter((flag) => flag !== undefined);
  if (chosen.length !== 1)
    return fail(
      "action",
      chosen.length === 0 ? "nothing to do" : `${chosen.join(" and ")} cannot be combined`,
      "Give exactly one of --down, --rate R, --loss P, --delay D or --clear.",
    );
  if (input.clear) {
    if (input.at === undefined) return { ok: true, value: { action: "clear", points: [] } };
    const point = parseImpairPoint(input.at, topology);
    return point.ok ? { ok: true, value: { action: "clear", points: [point.value] } } : point;
  }
  if (input.at === undefined)
    return fail(
      "point",
      "--at POINT is required",
      "Name the point to impair, e.g. --at node-1:ens33 or --at container:bbox-1.",
    );
  const point = parseImpairPoint(input.at, topology);
  if (!point.ok) return point;
  const impairment: Parsed<Impairment> = input.down
    ? { ok: true, value: { kind: "down" } }
    : input.rate !== undefined
      ? mapParsed(parseRate(input.rate), (bitsPerSecond) => ({ kind: "rate", bitsPerSecond }))
      : input.loss !== undefined
        ? mapParsed(parseLoss(input.loss), (percent) => ({ kind: "loss", percent }))
        : mapParsed(parseDelay(input.delay ?? ""), (ms) => ({ kind: "delay", ms }));
  if (!impairment.ok) return impairment;
  return { ok: true, value: { action: "apply", point: point.value, impairment: impairment.value } };
}

function mapParsed<A, B>(parsed: Parsed<A>, map: (value: A) => B): Parsed<B> {
  return parsed.ok ? { ok: true, value: map(parsed.value) } : parsed;
}

/**
 * The impairment point of a canvas element, from its layout key (lib/graph/keys): `nic:H/IF` and
 * `vlan:H/IF.VID` are `H:IF…`, `container:C` is `container:C`; undefined for other elements.
 */
export function pointOfLayoutKey(key: string): string | undefined {
  const match = /^(nic|vlan):([^/]+)\/(.+)$/.exec(key);
  if (match) return `${match[2]}:${match[3]}`;
  return key.startsWith("container:") ? key : undefined;
}
