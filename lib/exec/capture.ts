import "server-only";
import type { PcapHeader, PcapRecord } from "../capture/pcap";
import type { CaptureEnd, CapturePoint } from "../capture/types";
import { type CaptureStartOptions, openCaptureSink, stopOnEof, tcpdumpArgv } from "./capture-stream";
import type { HostConnection } from "./hosts";

/**
 * Capture at one point on a host over its SSH session: `tcpdump` on the host's device, or for a
 * container point inside the container's network namespace (`nsenter --net=/proc/PID/ns/net`, the PID
 * read from Docker's API), nothing run in the container. argv only (quoted by lib/plan/quote.ts in the
 * session), bounded by the caps; the pcap stream comes back on stdout as packets are captured.
 */

/** A capture running at one point: `ready` once tcpdump listens, `done` with how it ended and its records. */
export type RunningCapture = {
  point: CapturePoint;
  ready: Promise<void>;
  done: Promise<{ end: CaptureEnd; records: PcapRecord[]; header: PcapHeader | null }>;
  /** Stops it at once (its end says `stop`). */
  stop: () => void;
};

/** Reasons a point cannot be captured before tcpdump runs (container not running…), as a finished capture. */
function failed(point: CapturePoint, error: string): RunningCapture {
  return {
    point,
    ready: Promise.resolve(),
    done: Promise.resolve({ end: { stoppedBy: "error", packets: 0, error }, records: [], header: null }),
    stop: () => undefined,
  };
}

/** The main PID of running container `name` on this host, or why there is none. */
export async function containerPid(connection: HostConnection, name: string): Promise<number | { error: string }> {
  const found = findContainer(await connection.docker.listContainers(), name);
  if (!found) return { error: `container ${name} does not exist on host ${connection.host}: apply the design first` };
  if (!found.running) return { error: `container ${name} is not running on host ${connection.host}` };
  const inspect = await connection.docker.inspectContainer(found.id);
  const state =
    typeof inspect === "object" && inspect !== null ? (inspect as { State?: { Pid?: unknown } }).State : undefined;
  const pid = state?.Pid;
  return typeof pid === "number" && Number.isInteger(pid) && pid > 1 ? pid : { error: `container ${name} has no PID` };
}

/** A container as a capture and a trace need it: id, state, IPv4 address per network. */
export type ContainerState = { id: string; running: boolean; addresses: Record<string, string> };

/** Container `name` in `GET /containers/json?all=true` (untrusted: checked). */
function findContainer(list: unknown, name: string): ContainerState | undefined {
  if (!Array.isArray(list)) return undefined;
  for (const item of list) {
    if (typeof item !== "object" || item === null) continue;
    const entry = item as { Id?: unknown; Names?: unknown; State?: unknown; NetworkSettings?: { Networks?: unknown } };
    const names = Array.isArray(entry.Names) ? entry.Names : [];
    if (typeof entry.Id !== "string" || !names.includes(`/${name}`)) continue;
    const addresses: Record<string, string> = {};
    const networks = entry.NetworkSettings?.Networks;
    if (typeof networks === "object" && networks !== null)
      for (const [network, settings] of Object.entries(networks)) {
        const ip =
          typeof settings === "object" && settings !== null
            ? (settings as { IPAddress?: unknown }).IPAddress
            : undefined;
        if (typeof ip === "string" && /^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) addresses[network] = ip;
      }
    return { id: entry.Id, running: entry.State === "running", addresses };
  }
  return undefined;
}

/** Container `name` on this host (running or not, with its addresses), or undefined when it does not exist. */
export async function containerState(connection: HostConnection, name: string): Promise<ContainerState | undefined> {
  return findContainer(await connection.docker.listContainers(), name);
}

/**
 * Starts capturing at a host or container point (not the wire: see lib/lab/wire-capture.ts).
 * `onRecord` gets each frame as it arrives. Never throws: a failure is the capture's end (`error`).
 */
export function startHostCapture(
  connection: HostConnection,
  point: CapturePoint,
  options: CaptureStartOptions,
): RunningCapture {
  const { sink, abort, stop, release } = openCaptureSink(options);
  const run = async () => {
    let netnsPid: number | undefined;
    if (point.kind === "container") {
      const pid = await containerPid(connection, point.container ?? "");
      if (typeof pid !== "number")
        return { end: { stoppedBy: "error" as const, packets: 0, error: pid.error }, records: [], header: null };
      netnsPid = pid;
    }
    const argv = tcpdumpArgv(point.iface, options.caps, options.filter, { netnsPid });
    let stderr = "";
    const result = await connection.ssh.exec(stopOnEof(argv), {
      timeoutMs: (options.caps.seconds + 15) * 1000,
      signal: abort.signal,
      onStdoutBytes: (chunk) => sink.bytesIn(chunk),
      onStderr: (text) => {
        stderr += text;
        sink.stderrIn(text);
      },
    });
    const end = sink.end({ code: result.code, stderr: stderr || result.stderr }, connection.host);
    return { end, records: sink.records, header: sink.reader.header };
  };
  const done = run()
    .catch((error: unknown) => {
      sink.markReady();
      const message = error instanceof Error ? error.message : String(error);
      return {
        end: { stoppedBy: "error" as const, packets: sink.records.length, error: message },
        records: sink.records,
        header: sink.reader.header,
      };
    })
    .finally(release);
  return { point, ready: sink.ready, done, stop };
}

export { failed as failedCapture };
