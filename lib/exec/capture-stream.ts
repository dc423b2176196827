import "server-only";
import type { CaptureCaps } from "../capture/caps";
import { type PcapHeader, type PcapRecord, PcapStreamReader } from "../capture/pcap";
import type { CaptureEnd } from "../capture/types";

/**
 * The receiving end of one capture point's `tcpdump -U -w -` stream, whatever carries it (an SSH
 * channel, a local process): it parses pcap records as bytes arrive, hands each one over, and
 * enforces the packet and byte caps by aborting the source. Shared by the host and the wire adapters.
 */
export class CaptureSink {
  readonly reader = new PcapStreamReader();
  readonly records: PcapRecord[] = [];
  private bytes = 0;
  private stopped: CaptureEnd["stoppedBy"] | null = null;
  private failure: string | null = null;
  private readyWake: (() => void) | null = null;
  /** Resolves when tcpdump said it is listening (its first stderr line), or when it ended. */
  readonly ready: Promise<void>;

  constructor(
    private readonly caps: CaptureCaps,
    private readonly abort: AbortController,
    private readonly onRecord?: (record: PcapRecord, header: PcapHeader) => void,
  ) {
    this.ready = new Promise((wake) => {
      this.readyWake = wake;
    });
  }

  /** A chunk of stdout. */
  bytesIn(chunk: Uint8Array): void {
    if (this.stopped && this.stopped !== "stop") return;
    this.bytes += chunk.length;
    if (this.bytes > this.caps.bytes) {
      this.stop("bytes");
      return;
    }
    let records: PcapRecord[];
    try {
      records = this.reader.push(chunk);
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
      this.stop("error");
      return;
    }
    for (const record of records) {
      if (this.records.length >= this.caps.count) break;
      this.records.push(record);
      if (this.reader.header) this.onRecord?.(record, this.reader.header);
      if (this.records.length >= this.caps.count) this.stop("count");
    }
  }

  /** A chunk of stderr: tcpdump's "listening on …" means packets are being captured from now on. */
  stderrIn(text: string): void {
    if (/listening on/.test(text)) this.markReady();
  }

  markReady(): void {
    this.readyWake?.();
    this.readyWake = null;
  }

  /** Stops the source (first reason wins). */
  stop(reason: CaptureEnd["stoppedBy"]): void {
    this.stopped ??= reason;
    if (!this.abort.signal.aborted) this.abort.abort();
  }

  /**
   * How the capture ended, from the process's exit: tcpdump's own `-c` (count), `timeout`'s 124
   * (seconds), a stop, or an error with tcpdump's message (a missing tcpdump names the package).
   */
  end(exit: { code: number; stderr: string }, host: string | null): CaptureEnd {
    this.markReady();
    const packets = this.records.length;
    if (this.stopped === "error") return { stoppedBy: "error", packets, error: this.failure ?? "capture failed" };
    if (this.stopped) return { stoppedBy: this.stopped, packets };
    if (exit.code === 124) return { stoppedBy: "seconds", packets };
    if (exit.code === 0) return { stoppedBy: packets >= this.caps.count ? "count" : "seconds", packets };
    return { stoppedBy: "error", packets, error: captureError(exit, host) };
  }
}

/** Why tcpdump did not run, in words that say how to fix it. */
export function captureError(exit: { code: number; stderr: string }, host: string | null): string {
  const where = host ? `host ${host}` : "this machine";
  const stderr = exit.stderr
    .split("\n")
    .filter((line) => line.trim() && !/listening on|packets? (captured|received|dropped)/.test(line))
    .join("; ")
    .slice(0, 400);
  if (exit.code === 127 || /tcpdump: (not found|No such file)|exec: tcpdump|tcpdump.*not found/.test(stderr))
    return `${where} has no tcpdump: install the package tcpdump there (Debian/Ubuntu: apt-get install tcpdump; RHEL: dnf install tcpdump)`;
  if (/No such device|doesn't exist|SIOCGIFHWADDR/.test(stderr))
    return `${where} has no such interface (${stderr}): apply the design first, or pick another capture point`;
  if (/syntax error|illegal|parse error/i.test(stderr)) return `tcpdump refused the filter: ${stderr}`;
  return `tcpdump on ${where} failed (exit ${exit.code})${stderr ? `: ${stderr}` : ""}`;
}

/**
 * Runs `argv` and ends it (SIGTERM: an asynchronous command of a script ignores SIGINT; then waits for it) as soon as stdin reaches EOF: how a
 * capture over SSH stops at once, as sshd does not always deliver a channel's signal. A constant:
 * the command comes as positional arguments, nothing is interpolated.
 */
export const STOP_ON_EOF =
  'exec 3<&0; "$@" </dev/null & p=$!; (cat <&3 >/dev/null 2>&1; kill -TERM $p 2>/dev/null) 2>/dev/null & w=$!; exec 3<&-; wait $p; c=$?; kill $w 2>/dev/null; exit $c';

/** `argv` wrapped by {@link STOP_ON_EOF}. */
export function stopOnEof(argv: readonly string[]): string[] {
  return ["sh", "-c", STOP_ON_EOF, "sh", ...argv];
}

/**
 * tcpdump's argv for one point, the only place it is built (host, container and wire captures):
 * bounded by `timeout` (seconds), `-c` (packets) and `-s` (snaplen); pcap to stdout, each packet as it
 * comes (`--immediate-mode`: libpcap otherwise holds packets up to 1 s in its ring; `-U`: each one
 * written at once). `netnsPid`: run inside that process's network namespace (`nsenter --net`), how a
 * container point is captured with nothing run in the container.
 */
export function tcpdumpArgv(
  iface: string,
  caps: CaptureCaps,
  filter: string,
  options: { netnsPid?: number } = {},
): string[] {
  return [
    "timeout",
    "-s",
    "INT",
    String(caps.seconds),
    ...(options.netnsPid === undefined ? [] : ["nsenter", `--net=/proc/${options.netnsPid}/ns/net`]),
    "tcpdump",
    "-i",
    iface,
    "--immediate-mode",
    "-U",
    "-w",
    "-",
    "-n",
    "-s",
    String(caps.snaplen),
    "-c",
    String(caps.count),
    ...(filter.trim() ? ["--", filter.trim()] : []),
  ];
}

/** What every capture start takes: its caps and filter, an outside Stop, and a callback per frame. */
export type CaptureStartOptions = {
  caps: CaptureCaps;
  filter: string;
  signal?: AbortSignal;
  onRecord?: (record: PcapRecord, header: PcapHeader) => void;
};

/**
 * The sink of one capture start, wired to its outside `signal` (a Stop, or an abort before it starts,
 * stops it); `abort` is what the source listens to, `release` unhooks the signal once the capture ended.
 */
export function openCaptureSink(options: CaptureStartOptions): {
  sink: CaptureSink;
  abort: AbortController;
  stop: () => void;
  release: () => void;
} {
  const abort = new AbortController();
  const sink = new CaptureSink(options.caps, abort, options.onRecord);
  const stop = () => sink.stop("stop");
  if (options.signal?.aborted) stop();
  options.signal?.addEventListener("abort", stop, { once: true });
  return { sink, abort, stop, release: () => options.signal?.removeEventListener("abort", stop) };
}
