import "server-only";
import { StringDecoder } from "node:string_decoder";
import { INTENT_DETAIL } from "../exec/audit";
import { OutputTooLargeError } from "../exec/errors";
import { displayCommand } from "../plan/render";
import { createAuditSink } from "../store/audit";
import type { Store } from "../store/open";
import { capBytes, HANDS_LIMITS, logsFollowArgv, logsTailArgv, tailLines } from "../views/container-hands";
import { type ContainerTarget, connectContainerHost, type HandsError } from "./container-host";

/** The last lines of a container's log, as Docker kept them (its stdout and stderr, in arrival order). */
export type LogsTail = {
  container: string;
  host: string;
  command: string;
  lines: number;
  text: string;
  /** The output went past {@link HANDS_LIMITS.tailBytesMax}: only its beginning is here. */
  truncated: boolean;
};

/**
 * `docker logs --tail N NAME` on the container's host for an operator, bounded in lines (at most
 * {@link HANDS_LIMITS.tailMax}), bytes ({@link HANDS_LIMITS.tailBytesMax}) and time (30 s), audited.
 */
export async function tailContainerLogs(
  store: Store,
  input: ContainerTarget & { lines?: number },
): Promise<{ ok: true; value: LogsTail } | { ok: false; error: HandsError }> {
  const opened = await connectContainerHost(store, input);
  if (!opened.ok) return opened;
  const { host, pool, connection } = opened.value;
  const lines = tailLines(input.lines);
  const argv = logsTailArgv(input.container, lines);
  const parts: string[] = [];
  const keep = (chunk: string) => parts.push(chunk);
  const done = (text: string, truncated: boolean) => {
    const capped = capBytes(text, HANDS_LIMITS.tailBytesMax);
    return {
      ok: true as const,
      value: {
        container: input.container,
        host,
        command: displayCommand(argv),
        lines,
        text: capped.text,
        truncated: truncated || capped.truncated,
      },
    };
  };
  try {
    const result = await connection.ssh.exec(argv, {
      timeoutMs: 30_000,
      maxOutputBytes: HANDS_LIMITS.tailBytesMax,
      onStdout: keep,
      onStderr: keep,
    });
    if (result.code !== 0)
      return {
        ok: false,
        error: {
          code: "command-failed",
          message: `${host}: ${displayCommand(argv)} exited with ${result.code}: ${result.stderr.trim().slice(0, 2000)}`,
        },
      };
    return done(parts.join(""), false);
  } catch (error) {
    if (error instanceof OutputTooLargeError) return done(parts.join(""), true);
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: "command-failed", message: `${host}: ${message}` } };
  } finally {
    await pool.close();
  }
}

/** Why a followed log stopped. */
export type FollowEnd = {
  reason: "client-gone" | "time-limit" | "size-limit" | "exited" | "connection-lost";
  bytes: number;
  durationMs: number;
  exitCode: number | null;
};

/**
 * Follows a container's log (`docker logs --follow --tail N NAME`) for an operator: each chunk to
 * `onChunk` as it comes, until the client goes away (`signal`), the time limit, the byte limit, or
 * the command ends. Its start (intent) and end (exit code, duration, bytes, why) are audit rows.
 */
export async function followContainerLogs(
  store: Store,
  input: ContainerTarget & {
    lines?: number;
    signal: AbortSignal;
    onChunk: (text: string) => void;
    limits?: { maxMs?: number; maxBytes?: number };
  },
): Promise<{ ok: true; value: FollowEnd } | { ok: false; error: HandsError }> {
  const opened = await connectContainerHost(store, input);
  if (!opened.ok) return opened;
  const { host, pool, connection, runId } = opened.value;
  const audit = createAuditSink(store);
  const argv = logsFollowArgv(input.container, tailLines(input.lines));
  const maxMs = input.limits?.maxMs ?? HANDS_LIMITS.followMaxMs;
  const maxBytes = input.limits?.maxBytes ?? HANDS_LIMITS.followBytesMax;
  const row = {
    kind: "command" as const,
    who: input.actor.name,
    host,
    hostKeyFingerprint: connection.ssh.fingerprint,
    runId,
    argv,
  };
  const started = performance.now();
  try {
    audit.intend({ ...row, exitCode: null, durationMs: null, detail: INTENT_DETAIL });
    // On a terminal: when the channel closes, sshd hangs up the terminal and `docker logs --follow`
    // ends with it (without one it would linger until its next write).
    const channel = await connection.ssh.openChannel(argv, { pty: { cols: 200, rows: 50 } });
    const end = await new Promise<FollowEnd>((resolve) => {
      let bytes = 0;
      let exitCode: number | null = null;
      let reason: FollowEnd["reason"] | undefined;
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        input.signal.removeEventListener("abort", onAbort);
        const lost = connection.ssh.closed && !reason;
        resolve({
          reason: reason ?? (lost ? "connection-lost" : "exited"),
          bytes,
          durationMs: Math.round(performance.now() - started),
          exitCode,
        });
      };
      const stop = (why: FollowEnd["reason"]) => {
        if (reason) return;
        reason = why;
        try {
          channel.signal("TERM");
        } catch {
          // Best effort: closing the channel (the terminal's hang-up) is what counts.
        }
        channel.close();
        // The peer's close normally follows at once; do not wait on a host that does not answer.
        setTimeout(finish, 3000).unref();
      };
      const timer = setTimeout(() => stop("time-limit"), maxMs);
      const onAbort = () => stop("client-gone");
      if (input.signal.aborted) onAbort();
      input.signal.addEventListener("abort", onAbort, { once: true });
      for (const stream of [channel, channel.stderr]) {
        const decoder = new StringDecoder("utf8");
        stream.on("data", (data: Buffer) => {
          if (reason) return;
          bytes += data.length;
          if (bytes > maxBytes) {
            stop("size-limit");
            return;
          }
          const text = decoder.write(data);
          if (text) input.onChunk(text);
        });
      }
      channel.on("exit", (code: number | null) => {
        exitCode = code;
      });
      channel.on("close", finish);
    });
    audit.record({
      ...row,
      exitCode: end.exitCode,
      durationMs: end.durationMs,
      detail: `logs followed: ${end.bytes} bytes; stopped: ${end.reason}`,
    });
    return { ok: true, value: end };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    audit.record({ ...row, exitCode: null, durationMs: Math.round(performance.now() - started), detail: message });
    return { ok: false, error: { code: "command-failed", message: `${host}: ${message}` } };
  } finally {
    await pool.close();
  }
}
