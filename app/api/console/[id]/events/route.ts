import { z } from "zod";
import { type ConsoleEvent, consoleHub } from "@/lib/app/console-session";
import { eventStreamResponse } from "../../../../_lib/event-stream";
import { RecordId } from "../../../../_lib/inputs";
import { requireRequestUser } from "../../../../_lib/session";

export const dynamic = "force-dynamic";

const Params = z.object({ id: RecordId, after: z.coerce.number().int().min(0).max(1e12).default(0) });

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
  return eventStreamResponse(request, (sink) => {
    const send = (seq: number, event: ConsoleEvent) => {
      sink.write(frame(seq, event));
      if (event.type === "closed") queueMicrotask(sink.close);
    };
    const subscription = console.subscribe(parsed.data.after, send);
    for (const { seq, event } of subscription.replay) send(seq, event);
    if (console.closedReason && sink.open)
      send(Number.MAX_SAFE_INTEGER, { type: "closed", reason: console.closedReason });
    return subscription.stop;
  });
}
