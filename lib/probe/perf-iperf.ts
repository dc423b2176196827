/**
 * Throughput with iperf3, the pure part: bounds, the argv of the server and the client (each run
 * from the host inside a container's network namespace, entered by PID, with the host's iperf3,
 * never a program from the container), and the parse of the client's `-J` report.
 */

/** One measured pair. Numbers are what iperf3 reported; `error` when no measurement was made. */
export type PerfResult = {
  from: string;
  to: string;
  /** The destination address measured (the destination's address on a network they share). */
  target: string;
  network: string;
  proto: "tcp" | "udp";
  seconds: number;
  /** Receiver-side rate (TCP) or the rate the server got (UDP), bits per second. */
  bitsPerSecond: number | null;
  /** TCP retransmissions seen by the sender. */
  retransmits: number | null;
  /** UDP only. */
  jitterMs: number | null;
  lostPercent: number | null;
  error: string | null;
};

/** Bounds: seconds per pair, pairs per run, the UDP send rate (so a UDP test cannot flood a link). */
export const PERF_LIMITS = { minSeconds: 1, maxSeconds: 30, maxPairs: 16, udpBitrate: "100M", port: 5201 } as const;

/** The Debian (and most distributions') package that provides iperf3. */
export const IPERF3_PACKAGE = "iperf3";

/** Parses `--seconds`: a whole number within {@link PERF_LIMITS}; undefined when it is not. */
export function parsePerfSeconds(text: string): number | undefined {
  if (!/^[0-9]{1,3}$/.test(text)) return undefined;
  const seconds = Number(text);
  return seconds >= PERF_LIMITS.minSeconds && seconds <= PERF_LIMITS.maxSeconds ? seconds : undefined;
}

function netns(pid: number): string[] {
  if (!Number.isInteger(pid) || pid <= 1 || pid >= 2 ** 31) throw new RangeError(`pid ${pid} is not a process id`);
  return ["nsenter", `--net=/proc/${pid}/ns/net`, "--"];
}

/**
 * The server: one client then exit (`-1`), killed by `timeout` if no client comes; `--forceflush`
 * so its "listening" line arrives at once (the client starts on it). The shell prints
 * its PID first (the `exec` keeps it) so the caller can stop it early.
 */
export function serverArgv(pid: number, seconds: number): string[] {
  return [
    "sh",
    "-c",
    'echo "@@cn-perf-pid $$"; exec "$@"',
    "sh",
    "timeout",
    String(seconds + 15),
    ...netns(pid),
    "iperf3",
    "-s",
    "-1",
    "--forceflush",
    "-p",
    String(PERF_LIMITS.port),
  ];
}

/**
 * The client: JSON report (-J), the given seconds (-t), UDP at a bounded rate; `timeout` bounds it whatever happens.
 * With `mtu`, packets are sized for that path MTU (TCP MSS mtu − 40, UDP datagrams mtu − 28).
 */
export function clientArgv(pid: number, target: string, seconds: number, udp: boolean, mtu?: number): string[] {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(target)) throw new RangeError("the target is not an IPv4 address");
  if (mtu !== undefined && !(Number.isInteger(mtu) && mtu >= 576 && mtu <= 9000))
    throw new RangeError("the MTU is not a whole number from 576 to 9000");
  const sized = mtu === undefined ? [] : udp ? ["-l", String(mtu - 28)] : ["-M", String(mtu - 40)];
  return [
    "timeout",
    String(seconds + 10),
    ...netns(pid),
    "iperf3",
    "-c",
    target,
    "-p",
    String(PERF_LIMITS.port),
    "-t",
    String(seconds),
    "-J",
    ...(udp ? ["-u", "-b", PERF_LIMITS.udpBitrate] : []),
    ...sized,
  ];
}

/** The PID line the server's shell prints first. */
export function serverPid(stdout: string): number | undefined {
  const match = /@@cn-perf-pid (\d{1,10})/.exec(stdout);
  const pid = match ? Number(match[1]) : Number.NaN;
  return Number.isInteger(pid) && pid > 1 && pid < 2 ** 31 ? pid : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function finite(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null;
}

/** The numbers of an iperf3 client `-J` report, or the error it carries. Untrusted: checked field by field. */
export function parseIperfJson(
  stdout: string,
  udp: boolean,
): Pick<PerfResult, "bitsPerSecond" | "retransmits" | "jitterMs" | "lostPercent" | "error"> {
  const none = { bitsPerSecond: null, retransmits: null, jitterMs: null, lostPercent: null };
  let raw: unknown;
  try {
    raw = JSON.parse(stdout);
  } catch {
    return { ...none, error: "iperf3 gave no JSON report" };
  }
  if (!isObject(raw)) return { ...none, error: "iperf3 gave no JSON report" };
  if (typeof raw.error === "string") return { ...none, error: `iperf3: ${raw.error.slice(0, 300)}` };
  const end = isObject(raw.end) ? raw.end : {};
  if (udp) {
    const sum = isObject(end.sum) ? end.sum : {};
    return {
      bitsPerSecond: finite(sum.bits_per_second),
      retransmits: null,
      jitterMs: finite(sum.jitter_ms),
      lostPercent: finite(sum.lost_percent),
      error: finite(sum.bits_per_second) === null ? "iperf3's report has no UDP summary" : null,
    };
  }
  const sent = isObject(end.sum_sent) ? end.sum_sent : {};
  const received = isObject(end.sum_received) ? end.sum_received : {};
  const bits = finite(received.bits_per_second) ?? finite(sent.bits_per_second);
  return {
    bitsPerSecond: bits,
    retransmits: finite(sent.retransmits),
    jitterMs: null,
    lostPercent: null,
    error: bits === null ? "iperf3's report has no TCP summary" : null,
  };
}

/** `941 Mbit/s` style, for tables. */
export function formatBits(bits: number | null): string {
  if (bits === null) return "-";
  for (const [unit, size] of [
    ["Gbit/s", 1e9],
    ["Mbit/s", 1e6],
    ["kbit/s", 1e3],
  ] as const)
    if (bits >= size) return `${(bits / size).toFixed(bits >= 100 * size ? 0 : 1)} ${unit}`;
  return `${Math.round(bits)} bit/s`;
}
