import "server-only";
import type { Expectation, ReasonCode } from "../expect/types";
import type { Text } from "../i18n/text";

/** What a probe observed: replies came back, none did, or the probe itself could not run. */
export type Actual = "reach" | "blocked" | "error";

/** Round-trip times of the replies, in milliseconds. */
export type Rtt = { min: number; avg: number; max: number };

/**
 * One ping, parsed: counts, loss and RTT from the statistics block, and the error line when ping
 * complained (`ping: bad address 'bbox-2'`, `ping: sendto: Network is unreachable`).
 */
export type PingOutcome = {
  /** Which ping printed it, told apart by its output (`crossnet`: the host's pinger, see PINGER_SCRIPT). */
  flavour: "busybox" | "iputils" | "crossnet" | "unknown";
  sent: number;
  received: number;
  /** Packet loss in percent, 0-100 (100 when nothing was sent). */
  lossPct: number;
  rttMs: Rtt | null;
  /** ping's own error line(s), e.g. `ping: bad address 'bbox-2'`; null when it printed none. */
  error: string | null;
  /** False when the name did not resolve (no packet was sent). */
  resolved: boolean;
};

/** What came back for one target of one source: the parsed ping, or why there is nothing to parse. */
export type TargetResult =
  | {
      kind: "ran";
      /** ping's exit status (124/143 when the time bound killed it). */
      exitCode: number;
      outcome: PingOutcome;
      raw: string;
    }
  | { kind: "error"; error: string; raw: string };

/**
 * One cell of the matrix: an ordered pair by one means, what was expected and why, what happened,
 * and the verdict. Plain data: the CLI, the dashboard and the store read it as is.
 */
export type ProbeCell = {
  from: string;
  to: string;
  by: "ip" | "name";
  /** The address or name pinged. */
  target: string;
  /** The design network of the target address (by IP) or the one its name resolves on (by name). */
  network: string | null;
  /** Host of the source container. */
  host: string;
  expected: Expectation;
  reasonCode: ReasonCode;
  reason: string;
  /** `reason` as a translatable Text (absent on cells read back from the store). */
  reasonText?: Text;
  actual: Actual;
  sent: number;
  received: number;
  lossPct: number;
  rttMs: Rtt | null;
  verdict: "pass" | "fail";
  /** Why a failed cell failed, from the design and the observed state of the hosts; null when it passed. */
  diagnosis: string | null;
  /** `diagnosis` as a translatable Text (absent on cells read back from the store). */
  diagnosisText?: Text;
  /** ping's error line or why the probe could not run; null when there was none. */
  error: string | null;
  /** ping's output as printed in the container (or the transport's error output). */
  rawOutput: string;
  /** The exact command, as a person would type it on the source's host (`docker exec bbox-1 ping …`). */
  command: string;
  /** 1, or 2 when the first attempt failed and was retried. */
  attempts: number;
};

/** Counts of a finished (or cancelled) run. */
export type ProbeSummary = { pass: number; fail: number; durationMs: number };

/** Progress of a run, in order: `started`, then `cell` as each finishes, then `done`. */
export type ProbeEvent =
  | { type: "started"; cells: number; sources: number; hosts: string[] }
  | { type: "host-unreachable"; host: string; error: string }
  | { type: "cell"; cell: ProbeCell }
  | { type: "retry"; from: string; targets: string[] }
  | { type: "done"; summary: ProbeSummary; cancelled: boolean };
