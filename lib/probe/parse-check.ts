import "server-only";
import type { CheckOutcome } from "./types";

const LINE =
  /^crossnet-(tcp|udp|mtu) (\S+): (open|answered|measured|refused|timeout|unreachable|unresolved|error)(?: rtt=([0-9.]+))?(?: path=([0-9]+))?(?: interface=([0-9]+))?(?: (.*))?$/m;

/**
 * The host checker's line for a tcp, udp or mtu target (see `PINGER_SCRIPT`), parsed; undefined when
 * the output holds none (the target went another way: e.g. a host without python3). Output comes from
 * a host: numbers are bounded, the detail is kept as text. Pure.
 */
export function parseCheck(text: string): CheckOutcome | undefined {
  const match = LINE.exec(text);
  if (!match) return undefined;
  const [, kind, , state, rtt, path, iface, detail] = match;
  const bounded = (value: string | undefined, max: number) => {
    const n = value === undefined ? Number.NaN : Number(value);
    return Number.isFinite(n) && n >= 0 && n <= max ? n : null;
  };
  return {
    kind: kind === "udp" ? "udp" : kind === "mtu" ? "mtu" : "tcp",
    state: (state ?? "error") as CheckOutcome["state"],
    rttMs: bounded(rtt, 3_600_000),
    pathMtu: bounded(path, 65535),
    interfaceMtu: bounded(iface, 65535),
    detail: (detail ?? "").slice(0, 300),
  };
}

/** The target string a check goes to the host as: `tcp:ADDR:PORT`, `udp:ADDR:PORT`, `mtu:ADDR`. */
export function checkTarget(by: string, target: string): string {
  return by === "tcp" || by === "udp" || by === "mtu" ? `${by}:${target}` : target;
}

/** True for a target {@link checkTarget} made. */
export function isCheckTarget(target: string): boolean {
  return /^(tcp|udp|mtu):/.test(target);
}
