import "server-only";
import type { CheckKind, Expectation, ReasonCode } from "../expect/types";
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

/**
 * A tcp, udp or mtu check as the host's checker printed it (see `PINGER_SCRIPT`):
 * - tcp: `open` (connected), `refused` (a reset: nothing listens), `timeout` (no answer: filtered),
 *   `unreachable` (an ICMP error said so), `unresolved` (a target name Docker's DNS did not resolve),
 *   `error` (the check could not run);
 * - udp: `answered`, `refused` (ICMP port unreachable), `timeout` (no answer), `unreachable`, `error`;
 * - mtu: `measured` with the largest packet answered with DF set (`pathMtu`) and the most the source's
 *   route lets it send (`interfaceMtu`), `timeout` when no size was answered, `error`.
 */
export type CheckOutcome = {
  kind: "tcp" | "udp" | "mtu";
  state: "open" | "answered" | "measured" | "refused" | "timeout" | "unreachable" | "unresolved" | "error";
  rttMs: number | null;
  pathMtu: number | null;
  interfaceMtu: number | null;
  /** The checker's own words after the state (e.g. `Connection refused`, `no answer within 1 s`). */
  detail: string;
};

/** What came back for one target of one source: the parsed ping or check, or why there is nothing to parse. */
export type TargetResult =
  | {
      kind: "ran";
      /** ping's exit status (124/143 when the time bound killed it). */
      exitCode: number;
      outcome: PingOutcome;
      raw: string;
    }
  | { kind: "check"; outcome: CheckOutcome; raw: string }
  | { kind: "error"; error: string; raw: string };

/** A measured path MTU next to the expected one and what the source's interface claims. */
export type MtuResult = { expected: number; path: number | null; interface: number | null };

/**
 * One cell of the matrix: an ordered pair by one means, what was expected and why, what happened,
 * and the verdict. Plain data: the CLI, the dashboard and the store read it as is.
 */
export type ProbeCell = {
  from: string;
  to: string;
  by: CheckKind;
  /** The address or name pinged, or `ADDRESS:PORT` for tcp and udp. */
  target: string;
  /** tcp/udp: the port connected to. */
  port?: number;
  /** mtu: the path MTU measured, expected, and claimed by the source's interface. */
  mtu?: MtuResult;
  /** The design network of the target address (by IP) or the one its name resolves on (by name). */
  network: string | null;
  /** Host of the source container. */
  host: string;
  expected: Expectation;
  reasonCode: ReasonCode;
  /** Why that expectation, as a translatable Text (rendered at the edges: dashboard, CLI, CSV). */
  reason: Text;
  actual: Actual;
  sent: number;
  received: number;
  lossPct: number;
  rttMs: Rtt | null;
  verdict: "pass" | "fail";
  /** Why a failed cell failed, from the design and the observed state of the hosts; null when it passed. */
  diagnosis: Text | null;
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
