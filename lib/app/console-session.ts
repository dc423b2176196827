import "server-only";
import { randomUUID } from "node:crypto";
import type { ClientChannel } from "ssh2";
import { type AuditRecord, INTENT_DETAIL } from "../exec/audit";
import type { HostPool } from "../exec/hosts";
import { createAuditSink } from "../store/audit";
import type { Store } from "../store/open";
import { consoleArgv, HANDS_LIMITS, termSize } from "../views/container-hands";
import { type ContainerTarget, connectContainerHost, type HandsError } from "./container-host";

/** What a console's watcher receives: output bytes (base64), or the end with why. */
export type ConsoleEvent = { type: "output"; data: string } | { type: "closed"; reason: string };

/** Bounds of one console; the defaults are {@link HANDS_LIMITS} (tests pass smaller ones). */
export type ConsoleLimits = { bytesIn: number; bytesOut: number; idleMs: number; maxMs: number; detachMs: number };

const DEFAULT_LIMITS: ConsoleLimits = {
  bytesIn: HANDS_LIMITS.consoleBytesInMax,
  bytesOut: HANDS_LIMITS.consoleBytesOutMax,
  idleMs: HANDS_LIMITS.consoleIdleMs,
  maxMs: HANDS_LIMITS.consoleMaxMs,
  detachMs: 20_000,
};

/** Output kept for a watcher that connects (or reconnects) after it was written. */
const REPLAY_BYTES = 256 * 1024;

type Listener = (seq: number, event: ConsoleEvent) => void;

/**
 * One open console: `docker exec -it NAME sh` on a pseudo-terminal over the host's SSH session.
 * Keystrokes in, bytes out, both counted against limits; closed on idle (no keystroke), total time,
 * a limit, the shell's exit, or when nobody watches it for a while. Opening and closing are audit
 * rows (keystrokes are not recorded: they may hold secrets).
 */
export class ConsoleSession {
  readonly id = randomUUID();
  readonly startedAt = performance.now();
  bytesIn = 0;
  bytesOut = 0;
  closedReason: string | null = null;
  private readonly events: { seq: number; event: ConsoleEvent; size: number }[] = [];
  private kept = 0;
  private seq = 0;
  private readonly listeners = new Set<Listener>();
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly maxTimer: ReturnType<typeof setTimeout>;
  private detachTimer: ReturnType<typeof setTimeout> | undefined;
  private exitCode: number | null = null;

  constructor(
    readonly owner: string,
    readonly container: string,
    readonly host: string,
    private readonly channel: ClientChannel,
    private readonly pool: HostPool,
    private readonly limits: ConsoleLimits,
    private readonly onClosed: (session: ConsoleSession, exitCode: number | null) => void,
  ) {
    this.maxTimer = setTimeout(() => this.close(`time limit (${Math.round(limits.maxMs / 1000)} s)`), limits.maxMs);
    this.touch();
    this.armDetach();
    const onData = (data: Buffer) => {
      if (this.closedReason) return;
      this.bytesOut += data.length;
      if (this.bytesOut > limits.bytesOut) {
        this.close(`output limit (${limits.bytesOut} bytes)`);
        return;
      }
      this.push({ type: "output", data: data.toString("base64") }, data.length);
    };
    channel.on("data", onData);
    channel.stderr.on("data", onData);
    channel.on("exit", (code: number | null) => {
      this.exitCode = code;
    });
    channel.on("close", () =>
      this.close(this.exitCode === null ? "the channel closed" : `the shell exited (${this.exitCode})`),
    );
  }

  /** Seconds open so far. */
  get durationMs(): number {
    return Math.round(performance.now() - this.startedAt);
  }

  /** Sends keystrokes; refused past the input limit or once closed. */
  write(data: string): { ok: true } | { ok: false; message: string } {
    if (this.closedReason) return { ok: false, message: `the console is closed: ${this.closedReason}` };
    const bytes = Buffer.byteLength(data, "utf8");
    if (this.bytesIn + bytes > this.limits.bytesIn) {
      this.close(`input limit (${this.limits.bytesIn} bytes)`);
      return { ok: false, message: `the console took ${this.limits.bytesIn} bytes of input, its limit: it is closed` };
    }
    this.bytesIn += bytes;
    this.touch();
    this.channel.write(data);
    return { ok: true };
  }

  /** Tells the terminal its new size (bounded). */
  resize(size: { cols: number; rows: number }): void {
    if (this.closedReason) return;
    const { cols, rows } = termSize(size);
    this.channel.setWindow(rows, cols, 0, 0);
  }

  /**
   * Watches the console: everything still kept after `after`, then live. Returns null once closed and
   * fully replayed (nothing more will come).
   */
  subscribe(after: number, listener: Listener): { replay: { seq: number; event: ConsoleEvent }[]; stop: () => void } {
    const replay = this.events.filter((entry) => entry.seq > after).map(({ seq, event }) => ({ seq, event }));
    if (!this.closedReason) {
      this.listeners.add(listener);
      if (this.detachTimer) clearTimeout(this.detachTimer);
      this.detachTimer = undefined;
    }
    return {
      replay,
      stop: () => {
        this.listeners.delete(listener);
        if (this.listeners.size === 0) this.armDetach();
      },
    };
  }

  /** Ends the console (once): the channel and the connection close, watchers get the reason. */
  close(reason: string): void {
    if (this.closedReason) return;
    this.closedReason = reason;
    clearTimeout(this.maxTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.detachTimer) clearTimeout(this.detachTimer);
    this.push({ type: "closed", reason }, 0);
    this.listeners.clear();
    try {
      this.channel.close();
    } catch {
      // The channel may be gone with its connection already.
    }
    void this.pool.close();
    this.onClosed(this, this.exitCode);
  }

  private touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(
      () => this.close(`idle for ${Math.round(this.limits.idleMs / 1000)} s`),
      this.limits.idleMs,
    );
  }

  private armDetach(): void {
    if (this.closedReason || this.listeners.size > 0) return;
    if (this.detachTimer) clearTimeout(this.detachTimer);
    this.detachTimer = setTimeout(() => this.close("nobody watched it"), this.limits.detachMs);
  }

  private push(event: ConsoleEvent, size: number): void {
    this.seq += 1;
    this.events.push({ seq: this.seq, event, size });
    this.kept += size;
    while (this.kept > REPLAY_BYTES && this.events.length > 1) this.kept -= this.events.shift()?.size ?? 0;
    for (const listener of this.listeners) listener(this.seq, event);
  }
}

/** The consoles open in this server process (held on globalThis: route handlers are bundled apart). */
export class ConsoleHub {
  private readonly sessions = new Map<string, ConsoleSession>();

  get size(): number {
    return this.sessions.size;
  }

  add(session: ConsoleSession): void {
    this.sessions.set(session.id, session);
  }

  remove(id: string): void {
    this.sessions.delete(id);
  }

  /** The console `id` if `owner` opened it (another user's console is not found, not forbidden). */
  get(id: string, owner: string): ConsoleSession | undefined {
    const session = this.sessions.get(id);
    return session && session.owner === owner ? session : undefined;
  }
}

const holder = globalThis as typeof globalThis & { __crossnetConsoleHub?: ConsoleHub };

export function consoleHub(): ConsoleHub {
  holder.__crossnetConsoleHub ??= new ConsoleHub();
  return holder.__crossnetConsoleHub;
}

/** An opened console: its id (to watch, type and resize), where it runs, and the command. */
export type OpenedConsole = { id: string; container: string; host: string; command: string };

/**
 * Opens a console into one container of the saved design for an operator: `docker exec -it NAME sh`
 * on a pseudo-terminal of `cols`×`rows` over the host's SSH session. At most
 * {@link HANDS_LIMITS.consoleOpenMax} at once per server. Audit: the intent and an "opened" event
 * now, the command's row (exit code, duration, bytes, why) when it closes.
 */
export async function openConsole(
  store: Store,
  input: ContainerTarget & { cols: number; rows: number; limits?: Partial<ConsoleLimits>; hub?: ConsoleHub },
): Promise<{ ok: true; value: OpenedConsole } | { ok: false; error: HandsError }> {
  const hub = input.hub ?? consoleHub();
  if (hub.size >= HANDS_LIMITS.consoleOpenMax)
    return {
      ok: false,
      error: {
        code: "too-many",
        message: `${hub.size} consoles are open on this server, the most it allows: close one first`,
      },
    };
  const opened = await connectContainerHost(store, input);
  if (!opened.ok) return opened;
  const { host, pool, connection, runId } = opened.value;
  const audit = createAuditSink(store);
  const argv = consoleArgv(input.container);
  const size = termSize(input);
  const row: Omit<Extract<AuditRecord, { kind: "command" }>, "exitCode" | "durationMs" | "detail"> = {
    kind: "command",
    who: input.actor.name,
    host,
    hostKeyFingerprint: connection.ssh.fingerprint,
    runId,
    argv,
  };
  try {
    audit.intend({ ...row, exitCode: null, durationMs: null, detail: INTENT_DETAIL });
    const channel = await connection.ssh.openChannel(argv, { pty: size });
    const limits = { ...DEFAULT_LIMITS, ...input.limits };
    const session = new ConsoleSession(input.actor.name, input.container, host, channel, pool, limits, (done, code) => {
      hub.remove(done.id);
      audit.record({
        ...row,
        exitCode: code,
        durationMs: done.durationMs,
        detail: `console closed: ${done.closedReason ?? "?"}; ${done.bytesIn} bytes in, ${done.bytesOut} bytes out`,
      });
    });
    hub.add(session);
    audit.record({
      kind: "event",
      who: input.actor.name,
      host,
      hostKeyFingerprint: connection.ssh.fingerprint,
      runId,
      detail: `console opened: docker exec -it ${input.container} sh (${size.cols}×${size.rows})`,
    });
    return {
      ok: true,
      value: { id: session.id, container: input.container, host, command: `docker exec -it ${input.container} sh` },
    };
  } catch (error) {
    await pool.close();
    const message = error instanceof Error ? error.message : String(error);
    audit.record({ ...row, exitCode: null, durationMs: null, detail: `console not opened: ${message}` });
    return { ok: false, error: { code: "command-failed", message: `${host}: ${message}` } };
  }
}
