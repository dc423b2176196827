import "server-only";
import { IMPAIR_QDISC_HANDLE, IMPAIR_RULE_COMMENT, type Impairment } from "../plan/impairment";

/** An impairment found on one interface of one network namespace. */
export type FoundImpairment = { iface: string; impairment: Impairment };

const IFACE = /^[a-zA-Z0-9][a-zA-Z0-9_.@-]{0,31}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Milliseconds of a netem delay as `tc -j` writes it (seconds as a number, or `{ delay: seconds }`). */
function netemDelayMs(options: Record<string, unknown>): number {
  const delay = options.delay;
  const seconds =
    typeof delay === "number" ? delay : isObject(delay) && typeof delay.delay === "number" ? delay.delay : 0;
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : 0;
}

/**
 * Crossnet's root qdiscs in `tc -j qdisc show` output: those with handle {@link IMPAIR_QDISC_HANDLE},
 * a tbf (rate in bit/s; tc reports bytes/s) or a netem (delay). Other qdiscs are someone else's.
 * `dev` names the interface when the output is of `tc qdisc show dev X` (whose entries lack it).
 */
export function parseImpairQdiscs(json: string, dev?: string): FoundImpairment[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json || "[]");
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const found: FoundImpairment[] = [];
  for (const entry of raw) {
    if (!isObject(entry) || entry.handle !== IMPAIR_QDISC_HANDLE || entry.root !== true) continue;
    // `tc qdisc show dev X` leaves `dev` out of each entry: the caller names it.
    const name = entry.dev ?? dev;
    const iface = typeof name === "string" && IFACE.test(name) ? name : undefined;
    const options = isObject(entry.options) ? entry.options : {};
    if (!iface) continue;
    if (entry.kind === "tbf") {
      const bytes = typeof options.rate === "number" && Number.isFinite(options.rate) ? options.rate : 0;
      found.push({ iface, impairment: { kind: "rate", bitsPerSecond: Math.round(bytes * 8) } });
    } else if (entry.kind === "netem") found.push({ iface, impairment: { kind: "delay", ms: netemDelayMs(options) } });
  }
  return found;
}

/**
 * Crossnet's loss rules in `iptables -t raw -S PREROUTING` output: `-i IF -m statistic --mode random
 * --probability P … --comment crossnet-impair -j DROP`. The probability comes back with float noise
 * (0.29999999981): it is rounded to hundredths of a percent, which is what the schema accepts.
 */
export function parseImpairRules(text: string): FoundImpairment[] {
  const found: FoundImpairment[] = [];
  for (const line of text.split("\n")) {
    const words = line.trim().split(/\s+/);
    if (words[0] !== "-A" || words[1] !== "PREROUTING" || words.at(-1) !== "DROP") continue;
    const after = (flag: string) => {
      const index = words.indexOf(flag);
      return index === -1 ? undefined : words[index + 1];
    };
    const iface = after("-i");
    const probability = Number(after("--probability"));
    if (after("--comment") !== IMPAIR_RULE_COMMENT || !iface || !IFACE.test(iface)) continue;
    if (!(probability > 0 && probability <= 1)) continue;
    found.push({ iface, impairment: { kind: "loss", percent: Math.round(probability * 10_000) / 100 } });
  }
  return found;
}
