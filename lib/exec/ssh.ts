import "server-only";
import { readFile } from "node:fs/promises";
import type { Duplex } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { type ClientChannel, type ConnectConfig, Client as SshClient } from "ssh2";
import { checkLoginShell, quoteArgv } from "../plan/quote";
import { type Audit, INTENT_DETAIL } from "./audit";
import {
  CommandTimeoutError,
  ConnectionLostError,
  HostKeyMismatchError,
  OutputTooLargeError,
  SshConnectError,
  TransportError,
} from "./errors";
import { fingerprintOf, keyTypeOf } from "./host-key";

/** How to reach one host over SSH: the inventory entry, resolved (key path absolute or `agent`). */
export type SshTarget = {
  /** Inventory host name, used in messages and the audit log. */
  host: string;
  address: string;
  port: number;
  user: string;
  /** Private key file path, or `agent` to use $SSH_AUTH_SOCK. */
  key: string;
  /** Pinned `SHA256:` fingerprint, checked before authentication. */
  hostKey: string;
  /**
   * Credential held in memory instead of `key` (the dashboard's encrypted store, via lib/secrets
   * `toSsh2Auth`). Called once, at connect time; the result is not kept.
   */
  credential?: () => { privateKey: Buffer } | { password: string };
};

/** What the login environment told us once per connection (`printenv`, as sshd set it up). */
export type LoginEnvironment = {
  /** The user's login shell (sshd's `SHELL`), which parses every command we send. */
  shell: string;
  /** `DOCKER_HOST` of the session, e.g. the lab's `unix:///run/cn-lab/node-1/docker.sock`. */
  dockerHost?: string;
};

export type SshOptions = {
  audit: Audit;
  /** Who runs the commands, for the audit log (a user name, or `cli:<os user>`). */
  who: string;
  /** Run the commands belong to, for the audit log. */
  runId?: string;
  /** TCP connect + handshake + auth limit. Default 10 s. */
  connectTimeoutMs?: number;
  /** Keepalive probe period; a dead peer is detected after interval × (countMax + 1). Default 1 s. */
  keepaliveIntervalMs?: number;
  /** Unanswered keepalives tolerated. Default 2 (detection within about 3 s). */
  keepaliveCountMax?: number;
  /** Default per-command timeout. Default 120 s. */
  commandTimeoutMs?: number;
  /** Channels open at once on this connection (OpenSSH allows 10 by default). Default 8. */
  maxChannels?: number;
  /** ssh2 protocol debug lines (tests only; they carry no key material). */
  debug?: (line: string) => void;
};

export type ExecOptions = {
  /** Per-command limit in ms; beyond it the command is abandoned with {@link CommandTimeoutError}. */
  timeoutMs?: number;
  /** Written to the command's stdin, then EOF. Never logged. */
  stdin?: string;
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
  /** Argv as recorded in the audit log when argv carries substituted secrets. */
  auditArgv?: readonly string[];
  /** Largest stdout or stderr kept, in bytes. Default 16 MiB. */
  maxOutputBytes?: number;
  /**
   * Binary stdout (e.g. a pcap stream): each chunk is handed over as it arrives and not kept (the
   * result's `stdout` is then empty; `onStdout` and `maxOutputBytes` do not apply to it).
   */
  onStdoutBytes?: (chunk: Uint8Array) => void;
  /**
   * Ends the command early: the remote process gets SIGINT, and the channel closes a second later if
   * it is still open. The command then resolves (not rejects) with code -1 and signal `ABORT` when
   * no exit status came back.
   */
  signal?: AbortSignal;
};

/** Outcome of a command that ran to completion (any exit code). */
export type CommandResult = {
  /** Exit code; -1 when the command was killed by a signal. */
  code: number;
  stdout: string;
  stderr: string;
  durationMs: number;
  signal?: string;
};

const DEFAULTS = {
  connectTimeoutMs: 10_000,
  keepaliveIntervalMs: 1_000,
  keepaliveCountMax: 2,
  commandTimeoutMs: 120_000,
  maxChannels: 8,
  maxOutputBytes: 16 * 1024 * 1024,
};

/**
 * Opens an SSH connection to one host: verifies the pinned host key before any authentication,
 * authenticates with the key file or the agent, then checks that the user's login shell is POSIX
 * (commands are quoted for POSIX shells only).
 * @throws HostKeyMismatchError, SshConnectError, QuoteError (non-POSIX login shell).
 */
export async function connectSsh(target: SshTarget, options: SshOptions): Promise<SshSession> {
  const auth = await loadAuth(target);
  const client = new SshClient();
  let presented: { fingerprint: string; type: string } | undefined;
  const config: ConnectConfig = {
    host: target.address,
    port: target.port,
    username: target.user,
    ...auth,
    readyTimeout: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
    keepaliveInterval: options.keepaliveIntervalMs ?? DEFAULTS.keepaliveIntervalMs,
    keepaliveCountMax: options.keepaliveCountMax ?? DEFAULTS.keepaliveCountMax,
    hostVerifier: (key: Buffer) => {
      presented = { fingerprint: fingerprintOf(key), type: keyTypeOf(key) };
      return presented.fingerprint === target.hostKey;
    },
    debug: options.debug,
  };
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error & { level?: string }) => {
      client.removeListener("ready", onReady);
      // Errors after this one (socket teardown) must not crash the process.
      client.on("error", () => {});
      client.end();
      if (presented && presented.fingerprint !== target.hostKey) {
        options.audit.record({
          kind: "event",
          who: options.who,
          host: target.host,
          hostKeyFingerprint: presented.fingerprint,
          runId: options.runId ?? null,
          detail: `host key refused before authentication: the inventory pins ${target.hostKey}, the host presented ${presented.fingerprint} (${presented.type})`,
        });
        reject(new HostKeyMismatchError(target.host, target.hostKey, presented.fingerprint, presented.type));
        return;
      }
      reject(new SshConnectError(target.host, describeConnectError(error, target)));
    };
    const onReady = () => {
      client.removeListener("error", onError);
      resolve();
    };
    client.once("error", onError);
    client.once("ready", onReady);
    try {
      client.connect(config);
    } catch (error) {
      client.removeListener("ready", onReady);
      client.removeListener("error", onError);
      reject(new SshConnectError(target.host, describeConnectError(error as Error, target)));
    } finally {
      // ssh2 parsed the key inside connect(); the plaintext bytes are not needed any more.
      if (Buffer.isBuffer(auth.privateKey)) auth.privateKey.fill(0);
    }
  });
  const session = new SshSession(client, target, options);
  try {
    await session.probeLogin();
  } catch (error) {
    session.close();
    throw error;
  }
  return session;
}

/**
 * One authenticated SSH connection, reused for every command to its host. Commands are argv arrays
 * quoted by {@link quoteArgv}; each one is audited. When the connection dies every running command
 * fails with {@link ConnectionLostError} and later calls fail at once.
 */
export class SshSession {
  /** Fingerprint the host presented and that matched the inventory. */
  readonly fingerprint: string;
  /** Set by {@link SshSession.probeLogin} when the connection opens. */
  login: LoginEnvironment = { shell: "" };
  private lostReason: string | undefined;
  private readonly inFlight = new Set<(error: Error) => void>();
  private readonly closeListeners = new Set<(reason: string) => void>();
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly client: SshClient,
    readonly target: SshTarget,
    private readonly options: SshOptions,
  ) {
    this.fingerprint = target.hostKey;
    client.on("error", (error: Error) => {
      this.lostReason ??=
        error.message === "Keepalive timeout" ? "no answer to keepalives (host down or network cut)" : error.message;
    });
    client.on("close", () => {
      const reason = this.lostReason ?? "connection closed";
      this.lostReason = reason;
      for (const fail of this.inFlight) fail(new ConnectionLostError(target.host, `SSH connection lost: ${reason}`));
      this.inFlight.clear();
      for (const listener of this.closeListeners) listener(reason);
      for (const wake of this.waiting.splice(0)) wake();
    });
  }

  get host(): string {
    return this.target.host;
  }

  /** True once the connection is gone (closed by us, by the peer, or by a keepalive timeout). */
  get closed(): boolean {
    return this.lostReason !== undefined;
  }

  /** Calls `listener` with the reason when the connection goes away. */
  onClose(listener: (reason: string) => void): void {
    this.closeListeners.add(listener);
  }

  /**
   * Runs one command and resolves with its exit code and output, whatever the exit code.
   * @throws ConnectionLostError, CommandTimeoutError, OutputTooLargeError, QuoteError.
   */
  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<CommandResult> {
    const command = quoteArgv(argv);
    const auditArgv = [...(options.auditArgv ?? argv)];
    // The intent row first: when it cannot be written this throws, and the command does not run.
    this.options.audit.intend?.({
      kind: "command",
      who: this.options.who,
      host: this.target.host,
      hostKeyFingerprint: this.fingerprint,
      runId: this.options.runId ?? null,
      argv: auditArgv,
      exitCode: null,
      durationMs: null,
      detail: INTENT_DETAIL,
    });
    const started = performance.now();
    let code: number | null = null;
    let failure: string | undefined;
    await this.acquire();
    try {
      const result = await this.run(command, argv[0] ?? "", options);
      code = result.code;
      return result;
    } catch (error) {
      failure = (error as Error).message;
      throw error;
    } finally {
      this.release();
      this.options.audit.record({
        kind: "command",
        who: this.options.who,
        host: this.target.host,
        hostKeyFingerprint: this.fingerprint,
        runId: this.options.runId ?? null,
        argv: auditArgv,
        exitCode: code,
        durationMs: Math.round(performance.now() - started),
        detail: failure ?? null,
      });
    }
  }

  /**
   * Opens a raw byte stream to a unix socket on the host (OpenSSH `direct-streamlocal`), e.g. the
   * Docker socket. The stream counts as one channel until it closes.
   */
  async openUnixSocket(path: string): Promise<Duplex> {
    await this.acquire();
    try {
      const channel = await new Promise<ClientChannel>((resolve, reject) => {
        this.client.openssh_forwardOutStreamLocal(path, (error, stream) =>
          error
            ? reject(new TransportError(this.host, `cannot open unix socket ${path} over SSH: ${error.message}`))
            : resolve(stream),
        );
      });
      channel.once("close", () => this.release());
      return channel;
    } catch (error) {
      this.release();
      throw this.closed ? new ConnectionLostError(this.host, `SSH connection lost: ${this.lostReason}`) : error;
    }
  }

  /** Starts a long-lived command whose stdin/stdout are the returned stream (e.g. `docker system dial-stdio`). */
  async openCommandStream(argv: readonly string[]): Promise<Duplex> {
    const command = quoteArgv(argv);
    await this.acquire();
    try {
      let opened: ClientChannel | undefined;
      await this.openExec(command, (channel) => {
        opened = channel;
        channel.once("close", () => this.release());
      });
      if (!opened) throw new ConnectionLostError(this.host, "SSH channel opened without a stream");
      return opened;
    } catch (error) {
      this.release();
      throw error;
    }
  }

  /** Closes the connection; running commands fail with {@link ConnectionLostError}. */
  close(): void {
    this.lostReason ??= "closed by Crossnet";
    this.client.end();
  }

  /** Reads the user's login shell once and refuses non-POSIX shells. */
  /**
   * Reads the login environment once (one `printenv`, a command every shell parses alike) and
   * refuses a non-POSIX login shell. sshd sets `SHELL` to the passwd entry's shell; without it the
   * passwd entry is read with `getent`.
   */
  async probeLogin(): Promise<LoginEnvironment> {
    const { user, host } = this.target;
    const env = (await this.exec(["printenv"], { timeoutMs: 10_000 })).stdout.split("\n");
    const value = (name: string) => env.find((line) => line.startsWith(`${name}=`))?.slice(name.length + 1);
    let shell = value("SHELL");
    if (shell === undefined) {
      const entry = (await this.exec(["getent", "passwd", user], { timeoutMs: 10_000 })).stdout;
      shell =
        entry
          .split("\n")
          .find((line) => line.startsWith(`${user}:`))
          ?.split(":")[6]
          ?.trim() ?? "";
    }
    checkLoginShell(shell, user, host);
    const dockerHost = value("DOCKER_HOST");
    this.login = { shell, ...(dockerHost ? { dockerHost } : {}) };
    return this.login;
  }

  private run(command: string, program: string, options: ExecOptions): Promise<CommandResult> {
    const timeoutMs = options.timeoutMs ?? this.options.commandTimeoutMs ?? DEFAULTS.commandTimeoutMs;
    const maxBytes = options.maxOutputBytes ?? DEFAULTS.maxOutputBytes;
    const started = performance.now();
    return new Promise<CommandResult>((resolve, reject) => {
      let channel: ClientChannel | undefined;
      let settled = false;
      const finish = (error: Error | undefined, result?: CommandResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.inFlight.delete(fail);
        if (error) {
          channel?.close();
          reject(error);
        } else if (result) resolve(result);
      };
      const fail = (error: Error) => finish(error);
      this.inFlight.add(fail);
      const timer = setTimeout(() => {
        try {
          channel?.signal("KILL");
        } catch {
          // Best effort: older sshd ignore signal requests; closing the channel is what counts.
        }
        finish(new CommandTimeoutError(this.host, timeoutMs, program));
      }, timeoutMs);

      // Listeners go on in the exec callback itself, synchronously: a fast command's exit status can
      // arrive in the same packet batch as the channel confirmation, before any promise continuation.
      this.openExec(command, (opened) => {
        channel = opened;
        if (settled) {
          opened.close();
          return;
        }
        const out = options.onStdoutBytes
          ? passBytes(opened, options.onStdoutBytes)
          : collect(opened, options.onStdout, maxBytes);
        const err = collect(opened.stderr, options.onStderr, maxBytes);
        let aborted = false;
        const abort = () => {
          aborted = true;
          try {
            opened.signal("INT");
          } catch {
            // Best effort, as for the timeout: closing the channel below is what counts.
          }
          setTimeout(() => opened.close(), 1_000).unref?.();
        };
        if (options.signal?.aborted) abort();
        else options.signal?.addEventListener("abort", abort, { once: true });
        opened.once("close", () => options.signal?.removeEventListener("abort", abort));
        let exit: { code: number; signal?: string } | undefined;
        opened.on("exit", (code: number | null, signal?: string) => {
          exit = code === null ? { code: -1, signal: signal ?? "unknown" } : { code };
        });
        opened.on("close", () => {
          if (out.overflow || err.overflow) {
            finish(new OutputTooLargeError(this.host, `'${program}' wrote more than ${maxBytes} bytes of output`));
            return;
          }
          if (!exit && aborted) exit = { code: -1, signal: "ABORT" };
          if (!exit) {
            const reason = this.lostReason ?? "the channel closed without an exit status";
            finish(new ConnectionLostError(this.host, `SSH connection lost while '${program}' ran: ${reason}`));
            return;
          }
          finish(undefined, {
            code: exit.code,
            stdout: out.text(),
            stderr: err.text(),
            durationMs: Math.round(performance.now() - started),
            ...(exit.signal ? { signal: exit.signal } : {}),
          });
        });
        opened.end(options.stdin ?? "");
      }).catch(fail);
    });
  }

  /**
   * Opens an exec channel. sshd frees a session slot a moment after the channel closes, so a refused
   * open is retried a few times before it counts as a failure.
   */
  private async openExec(command: string, onOpen: (channel: ClientChannel) => void): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.openExecOnce(command, onOpen);
      } catch (error) {
        if (!(error instanceof ChannelRefused) || attempt >= 4) throw error;
        await new Promise((resolve) => setTimeout(resolve, 25 * attempt));
      }
    }
  }

  private openExecOnce(command: string, onOpen: (channel: ClientChannel) => void): Promise<void> {
    if (this.closed)
      return Promise.reject(new ConnectionLostError(this.host, `SSH connection lost: ${this.lostReason}`));
    return new Promise((resolve, reject) => {
      try {
        this.client.exec(command, (error, channel) => {
          if (!error) {
            onOpen(channel);
            resolve();
          } else if (this.closed) reject(new ConnectionLostError(this.host, `SSH connection lost: ${this.lostReason}`));
          else reject(new ChannelRefused(this.host, `cannot open an SSH channel: ${error.message}`));
        });
      } catch (error) {
        reject(new ConnectionLostError(this.host, `SSH connection lost: ${(error as Error).message}`));
      }
    });
  }

  private async acquire(): Promise<void> {
    const max = this.options.maxChannels ?? DEFAULTS.maxChannels;
    while (this.active >= max && !this.closed) await new Promise<void>((wake) => this.waiting.push(wake));
    this.active += 1;
  }

  private release(): void {
    this.active -= 1;
    this.waiting.shift()?.();
  }
}

/** sshd refused to open a channel (e.g. MaxSessions reached for a moment). */
class ChannelRefused extends TransportError {}

/** Hands binary output over chunk by chunk, keeping none of it. */
function passBytes(stream: NodeJS.ReadableStream, onChunk: (chunk: Uint8Array) => void) {
  stream.on("data", (data: Buffer) => onChunk(data));
  return { overflow: false, text: () => "" };
}

/** Accumulates one output stream as text (UTF-8 split across chunks handled), up to a byte limit. */
function collect(stream: NodeJS.ReadableStream, onChunk: ((chunk: string) => void) | undefined, maxBytes: number) {
  const decoder = new StringDecoder("utf8");
  const parts: string[] = [];
  let bytes = 0;
  const state = { overflow: false, text: () => parts.join("") + decoder.end() };
  stream.on("data", (data: Buffer) => {
    bytes += data.length;
    if (bytes > maxBytes) {
      state.overflow = true;
      return;
    }
    const text = decoder.write(data);
    if (!text) return;
    parts.push(text);
    onChunk?.(text);
  });
  return state;
}

async function loadAuth(target: SshTarget): Promise<Pick<ConnectConfig, "agent" | "privateKey" | "password">> {
  if (target.credential) return target.credential();
  if (target.key === "agent") {
    const socket = process.env.SSH_AUTH_SOCK;
    if (!socket) {
      throw new SshConnectError(
        target.host,
        "the inventory says ssh.key: agent but SSH_AUTH_SOCK is not set: start ssh-agent and ssh-add the key, or give a key file path",
      );
    }
    return { agent: socket };
  }
  try {
    return { privateKey: await readFile(target.key) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "read error";
    throw new SshConnectError(
      target.host,
      `cannot read private key file ${target.key} (${code}): check ssh.key in the inventory`,
    );
  }
}

/** Turns ssh2 / socket errors into a message with the likely fix; never includes key material. */
function describeConnectError(error: Error & { level?: string; code?: string }, target: SshTarget): string {
  const where = `${target.user}@${target.address}:${target.port}`;
  const message = error.message ?? String(error);
  if (error.code === "ECONNREFUSED") return `cannot connect to ${where}: connection refused (is sshd running there?)`;
  if (error.code === "EHOSTUNREACH" || error.code === "ENETUNREACH")
    return `cannot connect to ${where}: no route to the host (check the address and the management network)`;
  if (message.includes("Timed out while waiting for handshake"))
    return `cannot connect to ${where}: no SSH handshake in time (host down, filtered, or not an SSH server)`;
  if (error.level === "client-authentication" || message.includes("authentication methods failed"))
    return `${where} refused the key: check ssh.user and ssh.key in the inventory, and the host's authorized_keys`;
  if (message.includes("privateKey") || message.includes("Encrypted private"))
    return `cannot use the private key ${target.key}: it must be an unencrypted OpenSSH or PEM key (load encrypted keys into ssh-agent and set ssh.key: agent)`;
  return `cannot connect to ${where}: ${message}`;
}
