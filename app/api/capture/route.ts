import { z } from "zod";
import { sessionActor } from "@/lib/app/actor";
import { startCapture } from "@/lib/app/capture";
import { type CaptureStreamEvent, encodeCaptureEvent } from "@/lib/views/capture-stream";
import { registerCapture, unregisterCapture } from "../../_lib/capture-registry";
import { eventStreamResponse } from "../../_lib/event-stream";
import { RecordId } from "../../_lib/inputs";
import { requireRequestUser } from "../../_lib/session";
import { getStore } from "../../_lib/store";

export const dynamic = "force-dynamic";

/** Largest request body read (a capture request is a few hundred bytes). */
const BODY_MAX = 8 * 1024;

const Input = z
  .object({
    id: RecordId,
    topologyId: RecordId,
    inventoryId: RecordId.optional(),
    at: z.array(z.string().min(1).max(200)).min(1).max(16),
    count: z.number().int().min(1).max(1_000_000).optional(),
    seconds: z.number().min(0.1).max(3600).optional(),
    filter: z.string().max(1000).optional(),
  })
  .strict();

function refuse(status: number, message: string): Response {
  return new Response(`${message}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

/**
 * Starts a capture for the calling operator and streams it as server-sent events: `started`, each
 * packet as it is captured, then `end` with the pcapng (base64) or `error`. Bounded and audited by
 * lib/app (caps, point ids and filter checked before anything runs); stopped by
 * `POST /api/capture/stop`, by its caps, or when the browser goes away.
 */
export async function POST(request: Request): Promise<Response> {
  const session = requireRequestUser(request, "operator");
  if (!session.ok) return refuse(session.error.code === "unauthenticated" ? 401 : 403, session.error.message);
  const text = await request.text();
  if (text.length > BODY_MAX) return refuse(413, `the request is over ${BODY_MAX} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return refuse(400, "the request is not JSON");
  }
  const parsed = Input.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return refuse(400, `${first?.path.join(".") || "input"}: ${first?.message ?? "invalid"}`);
  }
  const { id, ...capture } = parsed.data;
  const abort = new AbortController();
  if (!registerCapture(id, session.user.userId, abort))
    return refuse(429, "too many captures are running (or this id is taken): stop one first");
  request.signal.addEventListener("abort", () => abort.abort(), { once: true });
  const actor = sessionActor(session.user);
  const store = getStore();
  return eventStreamResponse(request, (sink) => {
    const send = (event: CaptureStreamEvent) => sink.write(encodeCaptureEvent(event));
    send({ type: "started", id, at: capture.at });
    startCapture(actor, store, capture, {
      onPacket: (packet) => send({ type: "packet", packet }),
      signal: abort.signal,
    })
      .then((result) => {
        if (result.ok)
          send({ type: "end", end: result.value.end, pcapng: Buffer.from(result.value.pcapng).toString("base64") });
        else send({ type: "error", code: result.error.code, message: result.error.message });
      })
      .catch((error: unknown) =>
        send({
          type: "error",
          code: "capture-failed",
          message: error instanceof Error ? error.message : String(error),
        }),
      )
      .finally(() => {
        unregisterCapture(id);
        sink.close();
      });
    // The browser went away: stop the capture (it unregisters itself when its work has ended).
    return () => abort.abort();
  });
}
