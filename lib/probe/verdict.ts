import "server-only";
import type { ExpectCell } from "../expect/types";
import type { Actual, ProbeCell, TargetResult } from "./types";

/** What one result means: did it reach, and the error line worth showing. Pure. */
export function actualOf(result: TargetResult): { actual: Actual; error: string | null } {
  if (result.kind === "error") return { actual: "error", error: result.error };
  const { outcome, exitCode } = result;
  if (outcome.received > 0) return { actual: "reach", error: outcome.error };
  if (exitCode === 127 && outcome.flavour === "unknown" && /not found/.test(result.raw))
    return { actual: "error", error: "the source container has no ping command" };
  if ((exitCode === 124 || exitCode === 143) && outcome.flavour === "unknown")
    return {
      actual: "blocked",
      error: outcome.error ?? "ping did not finish in time and was stopped (a name lookup that hangs?)",
    };
  return { actual: "blocked", error: outcome.error };
}

/**
 * One cell from its expectation and the probe's result, with its verdict: pass when what happened
 * is what was expected; an error (the probe could not run) is a failure. The diagnosis is added
 * later for failed cells (see `diagnoseCell`). Pure.
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
  return {
    from: expectation.from,
    to: expectation.to,
    by: expectation.by,
    target: expectation.target,
    network: expectation.network ?? null,
    host,
    expected: expectation.expected,
    reasonCode: expectation.reasonCode,
    reason: expectation.reason,
    ...(expectation.reasonText ? { reasonText: expectation.reasonText } : {}),
    actual,
    sent: ran?.sent ?? 0,
    received: ran?.received ?? 0,
    lossPct: ran?.lossPct ?? 100,
    rttMs: ran?.rttMs ?? null,
    verdict: actual === expectation.expected ? "pass" : "fail",
    diagnosis: null,
    error,
    rawOutput,
    command,
    attempts,
  };
}
