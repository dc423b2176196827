import "server-only";

/**
 * The test engine: the ping matrix of a design's containers, compared with the expected matrix,
 * each failure diagnosed (recording a run is the ping session use case, lib/app/ping-session.ts).
 */

export { diagnoseCellText, isolationPhraseText } from "./diagnose";
export { parsePing } from "./parse-ping";
export { PINGER_SCRIPT } from "./pinger-script";
export { FAST_SCRIPT, HOST_SCRIPT, PROBE_SCRIPT, type ProbeMode, STOP_SCRIPT } from "./probe-script";
export { renderFailures, renderMatrix } from "./render";
export { ProbeInputError, type ProbeOptions, type ProbeReport, runProbe } from "./run-probe";
export {
  DEFAULT_PROBE_SETTINGS,
  PROBE_LIMITS,
  ProbeLimitError,
  type ProbeSettings,
  resolveProbeSettings,
} from "./settings";
export { type ProbeStream, probeStream } from "./stream";
export type { Actual, PingOutcome, ProbeCell, ProbeEvent, ProbeSummary, Rtt } from "./types";
