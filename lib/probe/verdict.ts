import "server-only";
import type { ExpectCell } from "../expect/types";
import type { Actual, CheckOutcome, ProbeCell, TargetResult } from "./types";

/**
 * Errors of the SOURCE host's own kernel or resources (the neighbour table full, memory short):
 * the echo request never left, so nothing was measured. iputils backs off on ENOBUFS silently
 * (`0 packets transmitted`), busybox and the host's pinger print `sendto: No buffer space available`.
 */
const LOCAL_FAILURE =
  /No buffer space available|Cannot allocate memory|Resource temporarily unavailable|Too many open files/i;

/**
 * Answers of the network itself when nothing could be sent: no route (`Network is unreachable`),
 * a firewall refusing the packet (`Operation not permitted`), a name that does not resolve.
 */
const NETWORK_ANSWER = /unreachable|No route to host|Operation not permitted|Permission denied/i;

/**
 * What one result means: did it reach, and the error line worth showing. Pure.
 * `blocked` is a measurement: echo requests went out and no reply came back, or the network
 * answered that it cannot carry them (no route, a refusing firewall, a name that does not resolve).
 * A probe that measured nothing (it could not run, was stopped before it printed statistics, sent no
 * packet, or the host could not send for lack of resources) is an `error` that says why: a pair that
 * was not probed is never reported as blocked.
 */
export function actualOf(result: TargetResult): { actual: Actual; error: string | null } {
  if (result.kind === "error") return { actual: "error", error: result.error };
  if (result.kind === "check") return checkActual(result.outcome);
  const { outcome, exitCode } = result;
  if (outcome.received > 0) return { actual: "reach", error: outcome.error };
  if (exitCode === 127 && outcome.flavour === "unknown" && /not found/.test(result.raw))
    return { actual: "error", error: "the source container has no ping command" };
  if (outcome.error && LOCAL_FAILURE.test(outcome.error))
    return {
      actual: "error",
      error: `not probed: the source host could not send (${outcome.error}); the host is out of a kernel resource (busy, or its neighbour table is full)`,
    };
  if (!outcome.resolved) return { actual: "blocked", error: outcome.error };
  if ((exitCode === 124 || exitCode === 143) && outcome.flavour === "unknown")
    return {
      actual: "error",
      error: `not probed: ping was stopped at its time bound before it printed statistics (exit ${exitCode}${outcome.error ? `: ${outcome.error}` : ""}); the host may be too busy`,
    };
  if (outcome.sent === 0 && !(outcome.error && NETWORK_ANSWER.test(outcome.error)))
    return {
      actual: "error",
      error: `not probed: no echo request was sent${outcome.error ? ` (${outcome.error})` : outcome.flavour === "unknown" ? " (ping printed no statistics)" : ""}`,
    };
  return { actual: "blocked", error: outcome.error };
}

/**
 * What a tcp/udp/mtu check means. A reset ("refused: nothing listens on 80") and silence ("filtered")
 * are both `blocked`, told apart in the error line; a check that could not run is an `error`. Pure.
 */
export function checkActual(outcome: CheckOutcome): { actual: Actual; error: string | null } {
  const port = outcome.detail.match(/port (\d+)/)?.[1];
  switch (outcome.state) {
    case "open":
    case "answered":
    case "measured":
      return { actual: "reach", error: null };
    case "refused":
      return {
        actual: "blocked",
        error: `refused: nothing listens on ${outcome.kind === "udp" ? "udp " : ""}${port ?? "that port"}`,
      };
    case "timeout":
      return {
        actual: "blocked",
        error:
          outcome.kind === "mtu"
            ? `no echo reply at any size (${outcome.detail})`
            : outcome.kind === "udp"
              ? `no answer (${outcome.detail}): filtered, or the service ignores the request`
              : `filtered: no answer (${outcome.detail})`,
      };
    case "unreachable":
      return { actual: "blocked", error: `unreachable: ${outcome.detail}` };
    case "unresolved":
      return { actual: "blocked", error: outcome.detail };
    default:
      return LOCAL_FAILURE.test(outcome.detail)
        ? { actual: "error", error: `not probed: the source host could not send (${outcome.detail})` }
        : { actual: "error", error: `not probed: ${outcome.detail}` };
  }
}

/**
 * One cell from its expectation and the probe's result, with its verdict: pass when what happened
 * is what was expected; an error (the probe could not run) is a failure. The diagnosis is added
 * later for failed cells (see `diagnoseCellText`). Pure.
 */
export function cellOf(
  expectation: ExpectCell,
  host: string,
  result: TargetResult,
  attempts: number,
  command: string,
  rawOutput: string = result.raw,
): ProbeCell {
  const { actual, error } = actualOf(result);
  const ran = result.kind === "ran" ? result.outcome : undefined;
  const check = result.kind === "check" ? result.outcome : undefined;
  const mtu =
    expectation.by === "mtu"
      ? {
          expected: expectation.expectedMtu ?? 1500,
          path: check?.pathMtu ?? null,
          interface: check?.interfaceMtu ?? null,
        }
      : undefined;
  // An mtu cell passes when the path carries exactly the expected size: less is a black hole or a
  // lowered interface, more means the expectation (or the network's MTU setting) is off.
  // An interface claiming more than the path carries is a black hole even when the path is as expected.
  const mtuOk =
    !mtu || actual !== "reach" || (mtu.path === mtu.expected && (mtu.interface === null || mtu.interface <= mtu.path));
  const checked = check && actual === "reach";
  return {
    from: expectation.from,
    to: expectation.to,
    by: expectation.by,
    target: expectation.target,
    ...(expectation.port === undefined ? {} : { port: expectation.port }),
    ...(mtu ? { mtu } : {}),
    network: expectation.network ?? null,
    host,
    expected: expectation.expected,
    reasonCode: expectation.reasonCode,
    reason: expectation.reason,
    actual,
    sent: ran?.sent ?? (check ? 1 : 0),
    received: ran?.received ?? (checked ? 1 : 0),
    lossPct: ran?.lossPct ?? (checked ? 0 : 100),
    rttMs: ran?.rttMs ?? (check?.rttMs != null ? { min: check.rttMs, avg: check.rttMs, max: check.rttMs } : null),
    verdict: actual === expectation.expected && mtuOk ? "pass" : "fail",
    diagnosis: null,
    error,
    rawOutput,
    command,
    attempts,
  };
}
