import { z } from "zod";
import { type ConsoleEvent, consoleHub } from "@/lib/app/console-session";
import { requireRequestUser } from "../../../../_lib/session";

export const dynamic = "force-dynamic";

const Params = z.object({ id: z.string().uuid(), after: z.coerce.number().int().min(0).max(1e12).default(0) });

const HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
  "x-content-type-options": "nosniff",
};

function frame(seq: number, event: ConsoleEvent): string {
  return `id: ${seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * A console's output as server-sent events (base64 bytes), from after `Last-Event-ID`, then live
 * until it closes. Only the operator who opened it may watch it (another's is "not found").
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  // auth: every route handler checks the caller itself, first.
  const session = requireRequestUser(request, "operator");
  if (!session.ok) return new Response(`${session.error.message}\n`, { status: 401 });
  const parsed = Params.safeParse({
    id: (await context.params).id,
    after: request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after") ?? 0,
  });
  if (!parsed.success) return new Response("bad request\n", { status: 400 });
  const console = consoleHub().get(parsed.data.id, session.user.userName);
  if (!console) return new Response("no such console (closed, or not yours)\n", { status: 404 });
  const encoder = new TextEncoder();
  let close = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      let stop = () => {};
      const keepalive = setInterval(() => open && controller.enqueue(encoder.encode(": keepalive\n\n")), 15_000);
      close = () => {
        if (!open) return;
        open = false;
        clearInterval(keepalive);
        stop();
        controller.close();
      };
      const send = (seq: number, event: ConsoleEvent) => {
        if (!open) return;
        controller.enqueue(encoder.encode(frame(seq, event)));
        if (event.type === "closed") queueMicrotask(close);
      };
      request.signal.addEventListener("abort", () => close(), { once: true });
      const subscription = console.subscribe(parsed.data.after, send);
      stop = subscription.stop;
      for (const { seq, event } of subscription.replay) send(seq, event);
      if (console.closedReason && open) send(Number.MAX_SAFE_INTEGER, { type: "closed", reason: console.closedReason });
    },
    cancel() {
      close();
    },
  });
  return new Response(stream, { headers: HEADERS });
}
