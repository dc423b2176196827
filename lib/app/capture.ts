import "server-only";
import { randomUUID } from "node:crypto";
import type { Role } from "../auth/roles";
import { type CaptureCaps, resolveCaps } from "../capture/caps";
import { checkFilterExpression, checkPointIds, type FilterProblem } from "../capture/filter";
import type { PcapHeader, PcapRecord } from "../capture/pcap";
import { type PcapngInterface, type PcapngPacket, writePcapng } from "../capture/pcapng";
import { capturePoints } from "../capture/points";
import type { CapturedPacket, CaptureEnd, CapturePoint, CaptureRequest } from "../capture/types";
import type { Audit } from "../exec/audit";
import { compileFilter } from "../exec/bpf-check";
import { type RunningCapture, startHostCapture } from "../exec/capture";
import { HostPool } from "../exec/hosts";
import { decodeCapture } from "../exec/tshark";
import { readLabInfo } from "../lab/lifecycle/lab-info";
import { startWireCapture } from "../lab/wire-capture";
import { createAuditSink } from "../store/audit";
import { getInventoryByName } from "../store/inventories";
import type { Store } from "../store/open";
import { err, ok, type Result } from "../store/result";
import { getLatestTopologyVersion } from "../store/topologies";
import { checkTopologyText } from "../topology";
import type { Topology } from "../topology/schema";
import { type Actor, forbidden } from "./actor";
import { LAB_INVENTORY_NAME, type ResolvedInventory, resolveRunInventory } from "./inventory";

/**
 * The capture use case (issue 15). Signatures the dashboard side builds on (final; only ever extended):
 *
 *   capturePointsOf(topology: Topology, options?: { lab?: boolean }): CapturePoint[]
 *     every capture point of a design (pure, from lib/capture/points.ts); `lab: true` adds the wire points.
 *
 *   startCapture(actor: Actor, store: Store, request: CaptureRequest,
 *                options?: { onPacket?: (packet: CapturedPacket) => void; signal?: AbortSignal })
 *     : Promise<Result<CaptureOutcome, CaptureError>>   (Result = { ok: true; value } | { ok: false; error })
 *     CaptureOutcome = { end: CaptureEnd; packets: CapturedPacket[]; pcapng: Uint8Array; points: CapturePoint[] }
 *     operator role; resolves the topology's newest version and the inventory (the lab's when
 *     `inventoryId` is left out); refuses bad point ids / filters / caps before anything runs;
 *     audited; `signal` stops it at once (stoppedBy "stop"). Packets reach `onPacket` decoded, in
 *     batches about every 300 ms while the capture runs.
 *
 *   runTrace(actor: Actor, store: Store,
 *            input: { topologyId: string; inventoryId?: string; from: string; to: string; by?: "ip" | "name" })
 *     : Promise<Result<TraceResult, CaptureError>>
 *     (in lib/app/trace.ts) operator role; audited.
 *
 * The CLI uses captureSession / traceSession (same checks, a design and inventory from files).
 * Types: lib/capture/types.ts.
 */

/** The role a capture or a trace needs: it runs commands on the hosts. */
export const CAPTURE_ROLE: Role = "operator";

/** Why a capture did not run: a refused request (`path` names the field), a missing design or inventory, a denied role. */
export type CaptureError = { code: string; message: string; problems?: FilterProblem[] };

/** A finished capture: how it ended, its decoded packets in time order, the pcapng (one interface per point). */
export type CaptureOutcome = { end: CaptureEnd; packets: CapturedPacket[]; pcapng: Uint8Array; points: CapturePoint[] };

/** Every capture point of a design (see {@link capturePoints}); `lab: true` adds the wire. */
export function capturePointsOf(topology: Topology, options: { lab?: boolean } = {}): CapturePoint[] {
  return capturePoints(topology, options);
}

/** True when the hosts are the running lab's (the wire can be captured). */
export function isLabInventory(inventory: ResolvedInventory["inventory"]): boolean {
  const info = readLabInfo();
  return Boolean(inventory.lab) && info?.state === "up";
}

/** Where and as whom a capture runs: the design, its hosts, the audit log. */
export type CaptureContext = {
  topology: Topology;
  hosts: { inventory: ResolvedInventory["inventory"]; dir: string; credential?: ResolvedInventory["credential"] };
  actor: Actor;
  audit: Audit;
  runId?: string;
};

/** The points, caps and filter of a request once every check passed (nothing has run yet). */
export type CheckedCapture = { points: CapturePoint[]; caps: CaptureCaps; filter: string; lab: boolean };

/**
 * Every check of a capture request before anything runs: the role, the point ids against the design's
 * points, the caps, and the filter (allow-list grammar, then libpcap compiles it on this machine).
 */
export async function checkCapture(
  context: CaptureContext,
  request: { at: readonly string[]; count?: number; seconds?: number; filter?: string },
): Promise<Result<CheckedCapture, CaptureError>> {
  const denied = forbidden(context.actor, CAPTURE_ROLE);
  if (denied) return err(denied);
  const lab = isLabInventory(context.hosts.inventory);
  const known = capturePoints(context.topology, { lab });
  const problems = [
    ...checkPointIds(
      request.at,
      known.map((point) => point.id),
    ),
    ...checkFilterExpression(request.filter ?? ""),
  ];
  const caps = resolveCaps(request);
  if ("problems" in caps) problems.push(...caps.problems);
  if (problems.length || "problems" in caps)
    return err({ code: "invalid-input", message: problems.map((p) => `${p.path}: ${p.message}`).join("\n"), problems });
  const filter = (request.filter ?? "").trim();
  const compiled = await compileFilter(filter);
  if (compiled)
    return err({
      code: "invalid-input",
      message: `filter: ${compiled}`,
      problems: [{ path: "filter", message: compiled }],
    });
  const byId = new Map(known.map((point) => [point.id, point]));
  const points = request.at.flatMap((id) => byId.get(id) ?? []);
  return ok({ points, caps, filter, lab });
}

/** One point's finished capture. */
export type PointCapture = Awaited<RunningCapture["done"]> & { point: CapturePoint };

/**
 * Starts a checked capture at every point at once (hosts over SSH through `pool`, the wire on this
 * machine), each frame to `onRecord`. The caller awaits `ready` before sending traffic it wants seen.
 */
export function startPointCaptures(
  pool: HostPool,
  checked: CheckedCapture,
  options: { signal?: AbortSignal; onRecord?: (point: CapturePoint, record: PcapRecord, header: PcapHeader) => void },
): { ready: Promise<void>; done: Promise<PointCapture[]>; stop: () => void } {
  const started = checked.points.map((point): RunningCapture => {
    const pointOptions = {
      caps: checked.caps,
      filter: checked.filter,
      ...(options.signal ? { signal: options.signal } : {}),
      onRecord: (record: PcapRecord, header: PcapHeader) => options.onRecord?.(point, record, header),
    };
    if (point.kind === "wire") return startWireCapture(point, pointOptions);
    const host = point.host ?? "";
    let running: RunningCapture | undefined;
    const stopRequested = { value: false };
    const connected = pool.get(host).then(
      (connection) => {
        running = startHostCapture(connection, point, pointOptions);
        if (stopRequested.value) running.stop();
        return running;
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        return {
          point,
          ready: Promise.resolve(),
          done: Promise.resolve({
            end: { stoppedBy: "error" as const, packets: 0, error: message },
            records: [],
            header: null,
          }),
          stop: () => undefined,
        };
      },
    );
    return {
      point,
      ready: connected.then((capture) => capture.ready),
      done: connected.then((capture) => capture.done),
      stop: () => {
        stopRequested.value = true;
        running?.stop();
      },
    };
  });
  return {
    ready: Promise.all(started.map((capture) => capture.ready)).then(() => undefined),
    done: Promise.all(started.map(async (capture) => ({ ...(await capture.done), point: capture.point }))),
    stop: () => {
      for (const capture of started) capture.stop();
    },
  };
}

/** The pcapng of finished captures: one interface per point (its id as the name), packets in time order. */
export function capturesToPcapng(captures: readonly PointCapture[]): { file: Uint8Array; frames: Uint8Array[] } {
  const interfaces: PcapngInterface[] = captures.map((capture) => ({
    name: capture.point.id,
    linkType: capture.header?.linkType ?? 1,
    snaplen: capture.header?.snaplen ?? 0,
  }));
  const packets: PcapngPacket[] = captures
    .flatMap((capture, index) => capture.records.map((record) => ({ ...record, interface: index })))
    .sort((a, b) => a.time - b.time || a.interface - b.interface);
  return { file: writePcapng(interfaces, packets), frames: packets.map((packet) => packet.data) };
}

/** The overall end of several points' captures. */
export function overallEnd(captures: readonly PointCapture[], stopped: boolean): CaptureEnd {
  const packets = captures.reduce((sum, capture) => sum + capture.records.length, 0);
  const errors = captures
    .filter((capture) => capture.end.stoppedBy === "error")
    .map((capture) => `${capture.point.id}: ${capture.end.error ?? "failed"}`);
  const error = errors.length ? { error: errors.join("; ") } : {};
  if (stopped) return { stoppedBy: "stop", packets, ...error };
  if (errors.length === captures.length) return { stoppedBy: "error", packets, ...error };
  const reasons = new Set(captures.map((capture) => capture.end.stoppedBy));
  const stoppedBy = reasons.has("bytes")
    ? "bytes"
    : reasons.has("count")
      ? "count"
      : reasons.has("stop")
        ? "stop"
        : "seconds";
  return { stoppedBy, packets, ...error };
}

/**
 * Runs a capture of a design (the CLI's files, or a stored design resolved by {@link startCapture}):
 * checks, audits the start and the end, captures at every point at once until a cap or `signal`,
 * decodes with tshark, and returns the packets and the pcapng. With `onPacket`, packets are decoded
 * and handed over in batches while the capture runs.
 */
export async function captureSession(
  context: CaptureContext,
  request: { at: readonly string[]; count?: number; seconds?: number; filter?: string },
  options: { onPacket?: (packet: CapturedPacket) => void; signal?: AbortSignal } = {},
): Promise<Result<CaptureOutcome, CaptureError>> {
  const checked = await checkCapture(context, request);
  if (!checked.ok) return checked;
  const runId = context.runId ?? randomUUID();
  const { points, caps, filter } = checked.value;
  context.audit.record({
    kind: "event",
    who: context.actor.name,
    runId,
    detail: `capture started at ${points.map((p) => p.id).join(", ")}: at most ${caps.count} packets, ${caps.seconds} s, ${caps.bytes} bytes, snaplen ${caps.snaplen}${filter ? `, filter '${filter}'` : ""}`,
  });
  const pool = new HostPool(context.hosts.inventory, {
    audit: context.audit,
    who: context.actor.name,
    runId,
    baseDir: context.hosts.dir,
    ...(context.hosts.credential ? { credential: context.hosts.credential } : {}),
    ssh: { connectTimeoutMs: 10_000, maxChannels: 10 },
  });
  const live = options.onPacket ? new LiveDecoder(options.onPacket) : null;
  try {
    const running = startPointCaptures(pool, checked.value, {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(live ? { onRecord: (point, record, header) => live.add(point, record, header) } : {}),
    });
    const captures = await running.done;
    const end = overallEnd(captures, options.signal?.aborted === true);
    const { file, frames } = capturesToPcapng(captures);
    let packets: CapturedPacket[];
    if (live) packets = await live.finish();
    else packets = frames.length ? await decodeCapture(file, { frames }) : [];
    context.audit.record({
      kind: "event",
      who: context.actor.name,
      runId,
      detail: `capture ended (${end.stoppedBy}): ${end.packets} packets${end.error ? `; ${end.error}` : ""}`,
    });
    return ok({ end, packets, pcapng: file, points });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    context.audit.record({ kind: "event", who: context.actor.name, runId, detail: `capture failed: ${message}` });
    return err({ code: "capture-failed", message });
  } finally {
    await pool.close();
  }
}

/**
 * Decodes frames while a capture runs: every 300 ms the frames that arrived since are written as one
 * pcapng and decoded by tshark (one decode at a time), and their packets go to `onPacket` in time order.
 */
class LiveDecoder {
  private pending: { point: CapturePoint; record: PcapRecord; header: PcapHeader }[] = [];
  private readonly decoded: CapturedPacket[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private failure: Error | null = null;

  constructor(private readonly onPacket: (packet: CapturedPacket) => void) {}

  add(point: CapturePoint, record: PcapRecord, header: PcapHeader): void {
    this.pending.push({ point, record, header });
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.running = this.running.then(() => this.flush());
    }, 300);
  }

  private async flush(): Promise<void> {
    const batch = this.pending.splice(0);
    if (!batch.length) return;
    const ids = [...new Set(batch.map((item) => item.point.id))];
    const interfaces = ids.map((id) => {
      const item = batch.find((candidate) => candidate.point.id === id);
      return { name: id, linkType: item?.header.linkType ?? 1, snaplen: item?.header.snaplen ?? 0 };
    });
    const packets = batch
      .map((item) => ({ ...item.record, interface: ids.indexOf(item.point.id) }))
      .sort((a, b) => a.time - b.time);
    try {
      const decoded = await decodeCapture(writePcapng(interfaces, packets), { frames: packets.map((p) => p.data) });
      for (const packet of decoded) {
        this.decoded.push(packet);
        this.onPacket(packet);
      }
    } catch (error) {
      this.failure ??= error instanceof Error ? error : new Error(String(error));
    }
  }

  /** Decodes what is left and returns every packet, in time order. @throws the first decoding error (tshark missing…). */
  async finish(): Promise<CapturedPacket[]> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    await this.flush();
    if (this.failure) throw this.failure;
    return [...this.decoded].sort((a, b) => a.time - b.time);
  }
}

/** A stored design's newest version and an inventory (the lab's when none is named), ready for a capture or a trace. */
export function resolveCaptureContext(
  actor: Actor,
  store: Store,
  input: { topologyId: string; inventoryId?: string },
): Result<CaptureContext, CaptureError> {
  const denied = forbidden(actor, CAPTURE_ROLE);
  if (denied) return err(denied);
  const version = getLatestTopologyVersion(store, input.topologyId);
  if (!version) return err({ code: "not-found", message: "no saved version of this topology: save the design first" });
  const checked = checkTopologyText(version.document);
  if (!checked.topology || checked.issues.some((issue) => issue.severity === "error"))
    return err({
      code: "invalid-design",
      message: `version ${version.version} of the design has errors: fix them first`,
    });
  const inventoryId = input.inventoryId ?? getInventoryByName(store, LAB_INVENTORY_NAME)?.id;
  if (!inventoryId) return err({ code: "not-found", message: "no inventory given and no lab inventory registered" });
  const inventory = resolveRunInventory(
    store,
    inventoryId,
    Object.keys(checked.topology.hosts),
    "add them on the Hosts & lab page, or bring up a lab for this topology there",
  );
  if (!inventory.ok) return err({ code: inventory.error.code, message: inventory.error.message });
  return ok({ topology: checked.topology, hosts: inventory.value, actor, audit: createAuditSink(store) });
}

/** The dashboard's capture: a stored design and inventory (see the signatures at the top of this file). */
export async function startCapture(
  actor: Actor,
  store: Store,
  request: CaptureRequest,
  options: { onPacket?: (packet: CapturedPacket) => void; signal?: AbortSignal } = {},
): Promise<Result<CaptureOutcome, CaptureError>> {
  const context = resolveCaptureContext(actor, store, request);
  if (!context.ok) return context;
  return captureSession(context.value, request, options);
}
