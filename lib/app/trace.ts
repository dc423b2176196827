import "server-only";
import { randomUUID } from "node:crypto";
import { CAPTURE_LIMITS } from "../capture/caps";
import { capturePoints, probePath } from "../capture/points";
import { lastSeen, type TraceProbe, traceHops, tracePayload } from "../capture/trace";
import type { CapturedPacket, TraceResult } from "../capture/types";
import { containerState } from "../exec/capture";
import { HostPool } from "../exec/hosts";
import { decodeCapture } from "../exec/tshark";
import type { Store } from "../store/open";
import { err, ok, type Result } from "../store/result";
import { type Actor, forbidden } from "./actor";
import {
  CAPTURE_ROLE,
  type CaptureContext,
  type CaptureError,
  capturesToPcapng,
  isLabInventory,
  resolveCaptureContext,
  startPointCaptures,
} from "./capture";

/**
 * The trace use case: ONE identifiable ping from a container to another, captured at every point on
 * the path the design expects (source container, its host's devices, the lab's wire, the destination
 * host's devices, the destination container), then each hop says whether the request and the reply
 * were seen there and with which encapsulation, and the last point the request reached.
 * Signature for the dashboard: `runTrace(actor, store, { topologyId, inventoryId?, from, to, by? })`.
 */

/** What to trace: two containers of the design and the means (an address by default, or the name). */
export type TraceRequest = { from: string; to: string; by?: "ip" | "name" };

/** Longest a trace's captures run (seconds): the ping waits at most 1 s for its reply, plus the start-up. */
const TRACE_SECONDS = 8;
/** Packets kept per point: a trace needs a handful; the rest is other traffic. */
const TRACE_PACKETS = 200;
/** What a trace captures: the ping and the ARP before it, tagged or not, and VXLAN (UDP) around it. */
const TRACE_FILTER = "icmp or arp or udp or (vlan and (icmp or arp or udp))";

/**
 * Traces one probe of a design (the CLI's files, or a stored design through {@link runTrace}).
 * Audited: the captures and the ping are host commands (the SSH session records each), plus an event
 * with the result.
 */
export async function traceSession(
  context: CaptureContext,
  request: TraceRequest,
): Promise<Result<TraceResult, CaptureError>> {
  const denied = forbidden(context.actor, CAPTURE_ROLE);
  if (denied) return err(denied);
  const started = performance.now();
  const by = request.by ?? "ip";
  const lab = isLabInventory(context.hosts.inventory);
  const path = probePath(context.topology, request.from, request.to, { lab });
  if ("error" in path) return err({ code: "invalid-input", message: path.error });
  const source = context.topology.containers?.[request.from];
  const destination = context.topology.containers?.[request.to];
  if (!source || !destination) return err({ code: "invalid-input", message: "unknown container" });
  const runId = context.runId ?? randomUUID();
  const pool = new HostPool(context.hosts.inventory, {
    audit: context.audit,
    who: context.actor.name,
    runId,
    baseDir: context.hosts.dir,
    ...(context.hosts.credential ? { credential: context.hosts.credential } : {}),
    ssh: { connectTimeoutMs: 10_000, maxChannels: 10 },
  });
  try {
    const [sourceHost, destinationHost] = await Promise.all([pool.get(source.host), pool.get(destination.host)]);
    const [sourceState, destinationState] = await Promise.all([
      containerState(sourceHost, request.from),
      containerState(destinationHost, request.to),
    ]);
    if (!sourceState?.running)
      return err({
        code: "not-running",
        message: `container ${request.from} is not running on ${source.host}: a trace sends its ping from there`,
      });
    const sourceNetwork = path.network ?? Object.keys(source.networks)[0] ?? "";
    const destinationNetwork = path.network ?? Object.keys(destination.networks)[0] ?? "";
    const targetIp =
      destinationState?.addresses[destinationNetwork] ?? destination.networks[destinationNetwork]?.ip ?? null;
    if (by === "ip" && !targetIp)
      return err({
        code: "no-address",
        message: `container ${request.to} has no known address on ${destinationNetwork}: start it, or give it an ip in the design`,
      });
    const target = by === "ip" ? (targetIp ?? "") : request.to;
    const probe: TraceProbe = {
      payload: tracePayload(Math.random),
      source: sourceState.addresses[sourceNetwork] ?? source.networks[sourceNetwork]?.ip ?? null,
      target: targetIp,
    };
    const known = new Map(capturePoints(context.topology, { lab }).map((point) => [point.id, point]));
    const points = path.points.flatMap((id) => known.get(id) ?? []);
    const captures = startPointCaptures(
      pool,
      {
        points,
        caps: { count: TRACE_PACKETS, seconds: TRACE_SECONDS, bytes: CAPTURE_LIMITS.bytes.default, snaplen: 1600 },
        filter: TRACE_FILTER,
        lab,
      },
      {},
    );
    await Promise.race([captures.ready, new Promise((wake) => setTimeout(wake, 5_000))]);
    const ping = await sourceHost.ssh
      .exec(["docker", "exec", request.from, "ping", "-c", "1", "-W", "1", "-s", String(probe.payload), target], {
        timeoutMs: 10_000,
      })
      .catch((error: unknown) => ({
        code: -2,
        stdout: "",
        stderr: error instanceof Error ? error.message : String(error),
      }));
    // Frames still on their way (a reply crossing the wire after the source saw it) get a moment.
    await new Promise((wake) => setTimeout(wake, 150));
    captures.stop();
    const done = await captures.done;
    const failed = new Map(
      done
        .filter((capture) => capture.end.stoppedBy === "error")
        .map((capture) => [capture.point.id, capture.end.error ?? "failed"]),
    );
    const { file, frames } = capturesToPcapng(done);
    const packets: CapturedPacket[] = frames.length ? await decodeCapture(file) : [];
    const hops = traceHops(path.points, packets, probe, failed);
    const output = `${ping.stdout}\n${ping.stderr}`.replace(/\s+/g, " ").trim().slice(0, 300);
    const verdict: TraceResult["verdict"] =
      ping.code === 0 ? "reach" : ping.code === 1 || /bad address|unreachable/i.test(output) ? "blocked" : "error";
    const notes = [
      `ping ${target} from ${request.from} (payload ${probe.payload} bytes): exit ${ping.code}${output ? `, ${output}` : ""}`,
      ...[...failed].map(([at, error]) => `no capture at ${at}: ${error}`),
    ];
    const result: TraceResult = {
      from: request.from,
      to: request.to,
      target,
      verdict: failed.size === points.length ? "error" : verdict,
      hops,
      lastSeen: lastSeen(hops),
      note: notes.join("; "),
      durationMs: Math.round(performance.now() - started),
    };
    context.audit.record({
      kind: "event",
      who: context.actor.name,
      runId,
      detail: `trace ${request.from} → ${request.to} (${target}): ${result.verdict}, last seen at ${result.lastSeen ?? "nowhere"}`,
    });
    return ok(result);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    context.audit.record({ kind: "event", who: context.actor.name, runId, detail: `trace failed: ${message}` });
    return err({ code: "trace-failed", message });
  } finally {
    await pool.close();
  }
}

/** The dashboard's trace of a matrix cell: a stored design and inventory (the lab's when none is named). */
export async function runTrace(
  actor: Actor,
  store: Store,
  input: { topologyId: string; inventoryId?: string; from: string; to: string; by?: "ip" | "name" },
): Promise<Result<TraceResult, CaptureError>> {
  const context = resolveCaptureContext(actor, store, input);
  if (!context.ok) return context;
  return traceSession(context.value, input);
}
