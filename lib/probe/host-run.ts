import "server-only";
import type { HostConnection } from "../exec/hosts";
import type { CommandResult } from "../exec/ssh";
import { HostFrameReader } from "./frames";
import { isCheckTarget, parseCheck } from "./parse-check";
import { parsePing } from "./parse-ping";
import {
  hostProbeArgv,
  type ProbeHeader,
  type ProbeMode,
  pairCommand,
  type SourceBatch,
  stopArgv,
} from "./probe-script";
import { type ProbeSettings, wallBoundS } from "./settings";
import type { TargetResult } from "./types";

/** One source's share of a host run: which container, how, which targets. */
export type HostBatch<Job> = {
  job: Job;
  container: string;
  mode: ProbeMode;
  pid?: number;
  id?: string;
  targets: string[];
};

/** Called once per target: its result and the exact per-pair command. */
export type OnResult<Job> = (batch: HostBatch<Job>, target: string, result: TargetResult, command: string) => void;

/**
 * Most bytes of source and target arguments one SSH command carries. sshd runs the command as ONE
 * argument of the user's shell (`sh -c COMMAND`), which Linux caps at 128 KiB (MAX_ARG_STRLEN);
 * the scripts take about 8 KiB. 96 KiB holds about 5,000 IPv4 targets: a host with 8 sources among
 * 256 containers (2,040 targets) probes in one command, not two in a row.
 */
export const MAX_ARGUMENT_BYTES = 96 * 1024;

/** What a source's arguments weigh on the command line: its targets quoted, plus its own group. */
function argumentBytes(batch: { targets: readonly string[] }): number {
  return 120 + batch.targets.reduce((sum, target) => sum + target.length + 3, 0);
}

/**
 * Probes the given sources of one host with as few SSH commands as the argument budget allows
 * (usually one; see `HOST_SCRIPT`), calling `onResult` for each target as its result arrives, and at
 * the end for the targets without one (with the reason). On abort the probes are stopped on the
 * host and no further result is reported.
 */
export async function runHostProbe<Job>(
  connection: HostConnection,
  settings: ProbeSettings,
  batches: HostBatch<Job>[],
  onResult: OnResult<Job>,
  signal?: AbortSignal,
): Promise<void> {
  for (const chunk of commandChunks(batches)) {
    if (signal?.aborted) return;
    await runCommand(connection, settings, chunk, onResult, signal);
  }
}

async function runCommand<Job>(
  connection: HostConnection,
  settings: ProbeSettings,
  batches: HostBatch<Job>[],
  onResult: OnResult<Job>,
  signal: AbortSignal | undefined,
): Promise<void> {
  const sources: (SourceBatch & { batch: HostBatch<Job> })[] = [];
  let offset = 0;
  for (const batch of batches) {
    sources.push({ ...batch, batch, offset });
    offset += batch.targets.length;
  }
  const byOffset = new Map(sources.map((source) => [source.offset, source]));
  const reader = new HostFrameReader(sources);
  const modes = new Map<number, ProbeMode>();
  const headers = new Map<number, ProbeHeader>();
  const ended = new Map<number, { exitCode: number; stderr: string }>();
  let hostPid: number | undefined;
  const sourceOf = (index: number) =>
    sources.find((source) => index > source.offset && index <= source.offset + source.targets.length);
  const commandFor = (source: (typeof sources)[number], target: string) =>
    pairCommand(
      settings,
      {
        container: source.container,
        mode: modes.get(source.offset) ?? source.mode,
        ...(source.pid === undefined ? {} : { pid: source.pid }),
        ...(source.id === undefined ? {} : { id: source.id }),
      },
      headers.get(source.offset) ?? { iputils: false, timeout: source.mode === "fast" ? "none" : "busybox" },
      target,
    );

  let stopped: Promise<unknown> | undefined;
  /** Stops the host script (and with it every ping it runs on the host) and the probes inside containers. */
  const stop = () => {
    if (stopped || hostPid === undefined) return;
    const inContainers = [...headers]
      .filter(([o]) => modes.get(o) === "exec" && !ended.has(o))
      .map(([o, header]) => ({ container: byOffset.get(o)?.container ?? "", pid: header.pid }))
      .filter(({ container }) => container);
    stopped = connection.ssh.exec(stopArgv(hostPid, inContainers), { timeoutMs: 15_000 }).catch(() => undefined);
  };

  // Once the command's outcome is taken (it ended or timed out; an aborted run reports nothing), output still
  // in flight is ignored: the targets without a result have been reported by then, and a late frame
  // would report them a second time.
  let settledOutcome = false;
  const onStdout = (chunk: string) => {
    if (settledOutcome) return;
    const items = reader.push(chunk);
    for (const item of items) {
      if (item.kind === "host") hostPid = item.pid;
      else if (item.kind === "mode") modes.set(item.offset, item.mode);
      else if (item.kind === "header") headers.set(item.offset, item.header);
      else if (item.kind === "exec-end") ended.set(item.offset, item);
    }
    if (signal?.aborted) {
      stop();
      return;
    }
    for (const item of items) {
      if (item.kind !== "frame") continue;
      const source = sourceOf(item.index);
      const target = source?.targets[item.index - source.offset - 1];
      if (!source || target === undefined) continue;
      const command = commandFor(source, target);
      const result = isCheckTarget(target)
        ? checkResult(item.text)
        : source.batch.mode === "exec"
          ? nameResult(item.exitCode, item.text, wallBoundS(settings))
          : frameResult(item.exitCode, item.text);
      onResult(source.batch, target, result, command);
    }
  };

  const parallel = settings.hostConcurrency;
  const waves = Math.ceil(sources.length / parallel);
  const exec = connection.ssh.exec(hostProbeArgv(settings, parallel, sources), {
    timeoutMs: waves * (wallBoundS(settings) + 15) * 1000 + 10_000,
    onStdout,
    // 4 KiB per target bounds what a (hostile) host can make a run hold: see MAX_PAIRS_LIMIT.
    maxOutputBytes: 4096 * (offset + sources.length + 1),
  });
  let outcome: CommandResult | Error | "aborted";
  try {
    outcome = await untilAborted(exec, signal);
  } catch (error) {
    outcome = error instanceof Error ? error : new Error(String(error));
  }
  if (outcome === "aborted" || signal?.aborted) {
    // Before returning (and the caller closing the connection): the probes must be stopped on the host.
    stop();
    // The host script may not have said its PID yet: the output handler stops it when it does.
    let settled = false;
    exec.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let waited = 0; !stopped && !settled && waited < 3000; waited += 20)
      await new Promise((wake) => setTimeout(wake, 20));
    await stopped;
    return;
  }
  settledOutcome = true;
  // A command that timed out may still be running on the host: stop its pings there.
  if (outcome instanceof Error) stop();
  for (const source of sources)
    source.targets.forEach((target, position) => {
      if (reader.has(source.offset + position + 1)) return;
      const { error, raw } = describeFailure(outcome, ended.get(source.offset), source.container);
      onResult(source.batch, target, { kind: "error", error, raw }, commandFor(source, target));
    });
}

/**
 * A ping by name stopped at its time bound before printing anything: ping prints its first line
 * (`PING name (address)`) as soon as the name resolves, so the lookup itself never finished. That is
 * a measurement (the name does not resolve from this container within the bound), not a probe that
 * could not run: e.g. a container on no Docker network gets Docker's fallback resolvers, and its
 * lookups wait for an answer that never comes.
 */
export function nameResult(exitCode: number, text: string, boundS: number): TargetResult {
  if (text.trim() !== "" || (exitCode !== 124 && exitCode !== 143)) return frameResult(exitCode, text);
  const error = `the name did not resolve within ${boundS} s (no resolver answered)`;
  return {
    kind: "ran",
    exitCode,
    outcome: { flavour: "unknown", sent: 0, received: 0, lossPct: 100, rttMs: null, error, resolved: false },
    raw: text,
  };
}

/**
 * A tcp/udp/mtu target's framed output: the checker's line, or an error when there is none (only the
 * host's python3 checker runs these; a host without it, or a container entered another way, cannot).
 */
export function checkResult(text: string): TargetResult {
  const outcome = parseCheck(text);
  if (outcome) return { kind: "check", outcome, raw: text };
  return {
    kind: "error",
    error:
      "not probed: tcp, udp and mtu checks run with python3 on the source's host, in the container's network namespace (python3 and nsenter as root are needed there)",
    raw: text,
  };
}

/** A target's framed output as a result. A fast probe that printed no statistics gets retried. */
function frameResult(exitCode: number, text: string): TargetResult {
  if (text === "" && exitCode !== 0 && exitCode !== 1)
    return {
      kind: "error",
      error: `ping exited with ${exitCode} without statistics (its message is kept when the pair is retried)`,
      raw: text,
    };
  return { kind: "ran", exitCode, outcome: parsePing(text), raw: text };
}

/** Resolves with the command's outcome, or with "aborted" as soon as the signal fires. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | "aborted"> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.resolve("aborted");
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => undefined);
      resolve("aborted");
    };
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** Why a target got no result: Docker's or nsenter's message, or the transport's error. Pure. */
export function describeFailure(
  outcome: CommandResult | Error,
  ended: { exitCode: number; stderr: string } | undefined,
  container: string,
): { error: string; raw: string } {
  const stderr = ended?.stderr.trim() ?? "";
  const line = stderr.split("\n").find((candidate) => candidate.trim()) ?? "";
  if (/is not running/.test(line)) return { error: `container ${container} is not running (${line})`, raw: stderr };
  if (/No such container/i.test(line)) return { error: `container ${container} does not exist (${line})`, raw: stderr };
  if (line) return { error: line.slice(0, 500), raw: stderr };
  if (outcome instanceof Error) return { error: outcome.message, raw: "" };
  if (ended)
    return {
      error: `the probe of ${container} ended (exit ${ended.exitCode}) without a result for this target`,
      raw: "",
    };
  const tail = outcome.stderr.trim().split("\n").at(-1) ?? "";
  return {
    error: `the probe on the host ended (exit ${outcome.code}) without a result for this target${tail ? `: ${tail.slice(0, 300)}` : ""}`,
    raw: outcome.stderr.slice(-2000),
  };
}

/** A host's batches in as few commands as fit sshd's one-argument limit (see {@link MAX_ARGUMENT_BYTES}). */
export function commandChunks<T extends { targets: readonly string[] }>(batches: T[]): T[][] {
  return chunkBatches(batches, MAX_ARGUMENT_BYTES, argumentBytes);
}

/**
 * Splits a host's batches so that one command carries at most `max` of their weight (by default,
 * targets; `runHostProbe` weighs argument bytes). A batch heavier than `max` goes alone. Pure.
 */
export function chunkBatches<T extends { targets: readonly string[] }>(
  batches: T[],
  max: number,
  weight: (batch: T) => number = (batch) => batch.targets.length,
): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const batch of batches) {
    const heavy = weight(batch);
    if (current.length && size + heavy > max) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(batch);
    size += heavy;
  }
  if (current.length) chunks.push(current);
  return chunks;
}
