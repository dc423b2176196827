import type { CheckKind, ExpectCell } from "../expect/types";
import type { ProbeCell } from "../probe/types";
import type { PingSpec } from "./schema";

/** What a student predicts for a ping, and what a ping shows: replies, no replies, or a name that does not resolve. */
export type Outcome = "reach" | "blocked" | "bad-address";
export const OUTCOMES: readonly Outcome[] = ["reach", "blocked", "bad-address"];

const UNRESOLVED = /bad address|name resolution|not known|no address associated/i;

/** What a ping showed: replies came back; the name did not resolve (`ping: bad address`); or nothing came back. */
export function outcomeOfCell(cell: Pick<ProbeCell, "actual" | "by" | "error">): Outcome {
  if (cell.actual === "reach") return "reach";
  if (cell.by === "name" && UNRESOLVED.test(cell.error ?? "")) return "bad-address";
  return "blocked";
}

/** What the design predicts (lib/expect): reach, blocked, or, by name where Docker's DNS does not know the target, bad address. */
export function expectedOutcome(cell: Pick<ExpectCell, "expected" | "by" | "reasonCode">): Outcome {
  if (cell.expected === "reach") return "reach";
  return cell.by === "name" && cell.reasonCode.startsWith("dns-") ? "bad-address" : "blocked";
}

/** True when a matrix cell is the one a lesson's ping names (by IP on `network` when given). */
export function cellMatchesPing(
  cell: { from: string; to: string; by: CheckKind; network?: string | null },
  ping: PingSpec,
): boolean {
  if (cell.from !== ping.from || cell.to !== ping.to || cell.by !== ping.by) return false;
  return ping.by === "name" || ping.network === undefined || cell.network === ping.network;
}

export type Judgement = {
  /** The ping's outcome; when it pinged several addresses (by IP, no network given), reach if any reached. */
  actual: Outcome;
  correct: boolean;
};

/**
 * Judges a prediction against the cells a run produced for one lesson ping; undefined while no cell
 * of that ping has come back.
 */
export function judgePrediction(
  prediction: Outcome,
  ping: PingSpec,
  cells: readonly Pick<ProbeCell, "from" | "to" | "by" | "network" | "actual" | "error">[],
): Judgement | undefined {
  const mine = cells.filter((cell) => cellMatchesPing(cell, ping));
  if (mine.length === 0) return undefined;
  const outcomes = mine.map(outcomeOfCell);
  const actual = outcomes.includes("reach") ? "reach" : (outcomes[0] ?? "blocked");
  return { actual, correct: actual === prediction };
}
