import type { Topology } from "../topology/schema";

/** What an operator may do to one container of a design. */
export type ContainerAction = "start" | "stop" | "restart";

export const CONTAINER_ACTIONS: readonly ContainerAction[] = ["start", "stop", "restart"];

/**
 * Seconds `docker stop`/`restart` waits after SIGTERM before SIGKILL. Docker's default is 10; a
 * busybox `sh` as PID 1 ignores SIGTERM, so every stop of the tutorial's containers would take the
 * full grace: 5 s keeps a click answered quickly and still lets a real service shut down.
 */
export const STOP_GRACE_S = 5;

/**
 * Bounds of every way of looking into a container: a logs tail (lines and bytes), a followed log
 * (time and bytes), a console (bytes each way, idle time, total time, one write's size, terminal size).
 */
export const HANDS_LIMITS = {
  tailDefault: 200,
  tailMax: 5000,
  tailBytesMax: 512 * 1024,
  followMaxMs: 10 * 60_000,
  followBytesMax: 4 * 1024 * 1024,
  consoleBytesInMax: 256 * 1024,
  consoleBytesOutMax: 16 * 1024 * 1024,
  consoleIdleMs: 5 * 60_000,
  consoleMaxMs: 30 * 60_000,
  consoleWriteMax: 4096,
  consoleOpenMax: 8,
  colsMax: 500,
  rowsMax: 200,
} as const;

/** The argv of a start, stop or restart: the same command a person would type on the host. */
export function containerActionArgv(action: ContainerAction, name: string): string[] {
  if (action === "start") return ["docker", "start", name];
  return ["docker", action, "-t", String(STOP_GRACE_S), name];
}

/** A line count for `docker logs --tail`: a whole number from 1 to {@link HANDS_LIMITS.tailMax} (default when absent). */
export function tailLines(requested: number | undefined): number {
  if (requested === undefined || !Number.isFinite(requested)) return HANDS_LIMITS.tailDefault;
  return Math.min(HANDS_LIMITS.tailMax, Math.max(1, Math.floor(requested)));
}

/** `docker logs` of the last `lines` lines (stdout and stderr of the container as Docker kept them). */
export function logsTailArgv(name: string, lines: number): string[] {
  return ["docker", "logs", "--tail", String(tailLines(lines)), name];
}

/** `docker logs --follow`, starting with the last `lines` lines. */
export function logsFollowArgv(name: string, lines: number): string[] {
  return ["docker", "logs", "--follow", "--tail", String(tailLines(lines)), name];
}

/** A shell in the container on a terminal: `docker exec -it NAME sh` (the tutorial's way in). */
export function consoleArgv(name: string): string[] {
  return ["docker", "exec", "-it", name, "sh"];
}

/** A terminal size within bounds (whole numbers, at least 2×10, at most the limits). */
export function termSize(size: { cols: number; rows: number }): { cols: number; rows: number } {
  const clamp = (value: number, low: number, high: number) =>
    Math.min(high, Math.max(low, Number.isFinite(value) ? Math.floor(value) : low));
  return { cols: clamp(size.cols, 10, HANDS_LIMITS.colsMax), rows: clamp(size.rows, 2, HANDS_LIMITS.rowsMax) };
}

/** The host a design container runs on, or why it cannot be touched (not in the design). */
export function designContainerHost(
  topology: Topology,
  name: string,
): { ok: true; host: string } | { ok: false; message: string } {
  const container = Object.hasOwn(topology.containers ?? {}, name) ? topology.containers?.[name] : undefined;
  if (!container)
    return {
      ok: false,
      message: `the saved design has no container '${name}': only the design's containers can be started, stopped or opened`,
    };
  return { ok: true, host: container.host };
}

/**
 * Keeps the first `max` bytes of a text (cut at a character boundary), and says whether it cut:
 * what a logs view shows of an output that went past its bound.
 */
export function capBytes(text: string, max: number): { text: string; truncated: boolean } {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= max) return { text, truncated: false };
  const cut = new TextDecoder("utf-8").decode(bytes.subarray(0, max));
  return { text: cut.endsWith("\uFFFD") ? cut.slice(0, -1) : cut, truncated: true };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing terminal control sequences is the point
const TERMINAL_CONTROL = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Za-z0-9]|\r/g;

/**
 * A log written on a terminal (the design's containers run with a tty) as plain text: colour and
 * cursor sequences and carriage returns removed, the text itself untouched.
 */
export function plainLogText(text: string): string {
  return text.replace(TERMINAL_CONTROL, "");
}

/**
 * `docker inspect -f` template for a container's state read back after an action: whether it runs,
 * then `network=address` for each network it is on (parsed by {@link parseInspectState}).
 */
export const INSPECT_STATE_FORMAT =
  "{{.State.Running}}{{range $name, $net := .NetworkSettings.Networks}} {{$name}}={{$net.IPAddress}}{{end}}";

const NETWORK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/**
 * What {@link INSPECT_STATE_FORMAT} printed (host data: untrusted): running or not (null when it
 * is neither `true` nor `false`), and the IPv4 address on each well-named network that has one.
 */
export function parseInspectState(stdout: string): { running: boolean | null; addresses: Record<string, string> } {
  const [head = "", ...pairs] = stdout.trim().split(/\s+/);
  const running = head === "true" ? true : head === "false" ? false : null;
  const addresses: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    const name = pair.slice(0, at);
    const ip = pair.slice(at + 1);
    if (at > 0 && NETWORK_NAME.test(name) && IPV4.test(ip) && !Object.hasOwn(addresses, name)) addresses[name] = ip;
  }
  return { running, addresses };
}
