import "server-only";

/**
 * The capture use case (issue 15). Signatures the dashboard side builds on (final; only ever extended):
 *
 *   capturePointsOf(topology: Topology, options?: { lab?: boolean }): CapturePoint[]
 *     every capture point of a design (pure, from lib/capture/points.ts); `lab: true` adds the wire points.
 *
 *   startCapture(actor: Actor, store: Store, request: CaptureRequest,
 *                options: { onPacket?: (packet: CapturedPacket) => void; signal?: AbortSignal })
 *     : Promise<{ ok: true; value: { end: CaptureEnd; packets: CapturedPacket[]; pcapng: Uint8Array } }
 *             | { ok: false; error: { code: string; message: string } }>
 *     operator role; resolves the topology's newest version and the inventory (the lab's when
 *     `inventoryId` is left out); refuses bad point ids / filters / caps before anything runs;
 *     audited; `signal` stops it at once (stoppedBy "stop").
 *
 *   runTrace(actor: Actor, store: Store,
 *            input: { topologyId: string; inventoryId?: string; from: string; to: string; by?: "ip" | "name" })
 *     : Promise<{ ok: true; value: TraceResult } | { ok: false; error: { code: string; message: string } }>
 *     (in lib/app/trace.ts) operator role; audited.
 *
 * Types: lib/capture/types.ts.
 */
export {};
