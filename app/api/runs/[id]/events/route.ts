import { z } from "zod";
import { runHub } from "@/lib/runs/hub";
import { encodeSse, type RunStreamEvent } from "@/lib/runs/stream";
import { getRun } from "@/lib/store/runs";
import { requireRequestUser } from "../../../../_lib/session";
import { getStore } from "../../../../_lib/store";

export const dynamic = "force-dynamic";

const Params = z.object({ id: z.string().uuid(), after: z.coerce.number().int().min(0).max(1e9).default(0) });

const HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
  "x-content-type-options": "nosniff",
};

/**
 * A run's progress as server-sent events: everything since the start (or after `Last-Event-ID`),
 * then live until the run ends. Read-only; the session is checked here (route handlers get no
 * authorization from Next).
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const parsed = Params.safeParse({
    id: (await context.params).id,
    after: request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after") ?? 0,
  });
  if (!parsed.success) return new Response("bad request\n", { status: 400 });
  // auth: requireSession() — every route handler checks the caller itself.
  const session = requireRequestUser(request, "viewer");
  if (!session.ok) return new Response(`${session.error.message}\n`, { status: 401 });
  const { id, after } = parsed.data;
  const encoder = new TextEncoder();
  let close = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (seq: number, event: RunStreamEvent) => {
        if (!open) return;
        controller.enqueue(encoder.encode(encodeSse(seq, event)));
        if (event.type === "end" || event.type === "gone") close();
      };
      const keepalive = setInterval(() => open && controller.enqueue(encoder.encode(": keepalive\n\n")), 15_000);
      let unsubscribe = () => {};
      close = () => {
        if (!open) return;
        open = false;
        clearInterval(keepalive);
        unsubscribe();
        controller.close();
      };
      request.signal.addEventListener("abort", () => close(), { once: true });
      const subscription = runHub().subscribe(id, after, send);
      if (!subscription) {
        const run = getRun(getStore(), id);
        send(after + 1, { type: "gone", status: run ? run.status : "unknown" });
        return;
      }
      unsubscribe = subscription.unsubscribe;
      for (const { seq, event } of subscription.replay) send(seq, event);
      if (subscription.ended && open)
        send(after, { type: "gone", status: getRun(getStore(), id)?.status ?? "unknown" });
    },
    cancel() {
      close();
    },
  });
  return new Response(stream, { headers: HEADERS });
}
