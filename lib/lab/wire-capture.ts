import "server-only";
import { spawn } from "node:child_process";
import { WIRE } from "../capture/points";
import type { CapturePoint } from "../capture/types";
import type { RunningCapture } from "../exec/capture";
import { type CaptureStartOptions, openCaptureSink, tcpdumpArgv } from "../exec/capture-stream";
import { switchArgv } from "./host/host-exec";
import { readLabInfo } from "./lifecycle/lab-info";
import { DATA_BRIDGE, switchPortName } from "./paths";

/**
 * The lab's wire, captured on this (the dashboard's) machine in the switch namespace: `wire` is the
 * data bridge `br-data` (every host's trunk; tcpdump puts it in promiscuous mode, so it sees the
 * frames it forwards between ports, 802.1Q tags included), `wire:HOST` the switch port of that host's
 * first data NIC. Same bounded tcpdump and pcap stream as on a host.
 */

/** The switch-side device of a wire point on the running lab, or why there is none. */
export function wireDevice(point: CapturePoint): string | { error: string } {
  if (point.id === WIRE) return DATA_BRIDGE;
  const info = readLabInfo();
  if (!info) return { error: "the wire exists only on the lab, and no lab is up (crossnet lab up)" };
  const index = info.spec.hosts.findIndex((host) => host.name === point.host);
  const host = info.spec.hosts[index];
  if (!host) return { error: `the running lab has no host ${point.host}` };
  if (host.nics.length === 0) return { error: `lab host ${point.host} has no data NIC` };
  return switchPortName(index, 0);
}

/** Starts capturing on the wire. Never throws: a failure is the capture's end (`error`). */
export function startWireCapture(point: CapturePoint, options: CaptureStartOptions): RunningCapture {
  const { sink, abort, stop, release } = openCaptureSink(options);
  const device = wireDevice(point);
  const done = new Promise<Awaited<RunningCapture["done"]>>((resolve) => {
    if (typeof device !== "string") {
      sink.markReady();
      resolve({ end: { stoppedBy: "error", packets: 0, error: device.error }, records: [], header: null });
      return;
    }
    const [file = "ip", ...args] = switchArgv(tcpdumpArgv(device, options.caps, options.filter));
    const child = spawn(file, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => sink.bytesIn(chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      sink.stderrIn(chunk.toString());
    });
    const onAbort = () => {
      child.kill("SIGINT");
      setTimeout(() => child.kill("SIGKILL"), 1_000).unref();
    };
    abort.signal.addEventListener("abort", onAbort, { once: true });
    const hard = setTimeout(() => child.kill("SIGKILL"), (options.caps.seconds + 15) * 1000);
    child.on("error", (error) => {
      clearTimeout(hard);
      resolve({ end: sink.end({ code: 127, stderr: error.message }, null), records: sink.records, header: null });
    });
    child.on("close", (code) => {
      clearTimeout(hard);
      abort.signal.removeEventListener("abort", onAbort);
      release();
      resolve({ end: sink.end({ code: code ?? -1, stderr }, null), records: sink.records, header: sink.reader.header });
    });
  });
  return { point, ready: sink.ready, done, stop };
}
