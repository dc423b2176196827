import "server-only";
import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { LabError } from "../errors";

/** Exit code and output of one command. `code` is -1 when it was killed (timeout or signal). */
export type CommandResult = { code: number; stdout: string; stderr: string };

/** Options of {@link runCommand}. */
export type RunOptions = { timeoutMs?: number; env?: NodeJS.ProcessEnv; input?: string };

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Runs `argv` (no shell: the first element is the program, the rest are its arguments, each passed
 * as is) and collects its output. Resolves also for non-zero exits; rejects only when it cannot start.
 */
export function runCommand(argv: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
  const [file, ...args] = argv;
  if (!file) return Promise.reject(new Error("runCommand: empty argv"));
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/**
 * Like {@link runCommand} but a non-zero exit becomes a `command-failed` {@link LabError} that names
 * the step, the exact argv and its stderr.
 */
export async function runChecked(what: string, argv: readonly string[], options: RunOptions = {}): Promise<string> {
  let result: CommandResult;
  try {
    result = await runCommand(argv, options);
  } catch (error) {
    throw new LabError(
      "command-failed",
      `${what}: cannot run ${argv[0]}: ${(error as Error).message}`,
      "Run scripts/setup-lab.sh as root to install what the lab needs.",
      { argv: [...argv] },
    );
  }
  if (result.code !== 0) {
    const output = (result.stderr.trim() || result.stdout.trim()).slice(-2000);
    throw new LabError(
      "command-failed",
      `${what}: \`${argv.join(" ")}\` exited with ${result.code === -1 ? "a signal or timeout" : result.code}${output ? `: ${output}` : ""}`,
      "Run `crossnet lab down` to clean up, then try again; the daemon logs are under /var/lib/cn-lab/<host>/log.",
      { argv: [...argv] },
    );
  }
  return result.stdout;
}

/** A daemon started in the background; `exited` settles when it exits while this process lives. */
export type Daemon = { pid: number; exited: Promise<number | null> };

/**
 * Starts a long-running daemon detached from this process (own session; it outlives the CLI),
 * output appended to `logFile`, and writes its pid to `pidFile` at once.
 */
export function spawnDaemon(
  argv: readonly string[],
  files: { logFile: string; pidFile: string },
  env?: Record<string, string>,
): Promise<Daemon> {
  const [file, ...args] = argv;
  if (!file) return Promise.reject(new Error("spawnDaemon: empty argv"));
  const log = openSync(files.logFile, "a");
  try {
    const child = spawn(file, args, {
      detached: true,
      stdio: ["ignore", log, log],
      env: env ? { ...process.env, ...env } : process.env,
    });
    return new Promise((resolve, reject) => {
      child.once("error", reject);
      child.once("spawn", () => {
        const pid = child.pid;
        if (pid === undefined) {
          reject(new Error(`${file} did not start`));
          return;
        }
        writeFileSync(files.pidFile, `${pid}\n`);
        const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
        child.unref();
        resolve({ pid, exited });
      });
    });
  } finally {
    closeSync(log);
  }
}

/** Last `lines` lines of a text file, or "" when it cannot be read. */
export function tailFile(path: string, lines = 15): string {
  try {
    return readFileSync(path, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

/** Polls `check` every `intervalMs` until it returns true, the daemon exits, or `timeoutMs` passes. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  options: { timeoutMs: number; intervalMs?: number; daemon?: Daemon; logFile?: string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let exitCode: number | null | undefined;
  void options.daemon?.exited.then((code) => {
    exitCode = code;
  });
  for (;;) {
    if (await check().catch(() => false)) return;
    if (exitCode !== undefined) {
      throw new LabError(
        "daemon-failed",
        `${what}: the daemon exited (code ${exitCode}) before it was ready`,
        "Read its log (below); run `crossnet lab down` before trying again.",
        { log: options.logFile ? tailFile(options.logFile) : undefined },
      );
    }
    if (Date.now() > deadline) {
      throw new LabError(
        "timeout",
        `${what}: not ready after ${options.timeoutMs} ms`,
        "The machine may be overloaded; run `crossnet lab down` and try again with fewer hosts.",
        { log: options.logFile ? tailFile(options.logFile) : undefined },
      );
    }
    await sleep(options.intervalMs ?? 25);
  }
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
