import { z } from "zod";
import { runHub } from "@/lib/runs/hub";
import { encodeSse, type RunStreamEvent } from "@/lib/runs/stream";
import { getRun } from "@/lib/store/runs";
import { eventStreamResponse } from "../../../../_lib/event-stream";
import { RecordId } from "../../../../_lib/inputs";
import { requireRequestUser } from "../../../../_lib/session";
import { getStore } from "../../../../_lib/store";

export const dynamic = "force-dynamic";

const Params = z.object({ id: RecordId, after: z.coerce.number().int().min(0).max(1e9).default(0) });

/**
 * A run's progress as server-sent events: everything since the start (or after `Last-Event-ID`),
 * then live until the run ends. Read-only; the session is checked here (route handlers get no
 * authorization from Next).
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  // auth: every route handler checks the caller itself, first (an anonymous caller learns nothing).
  const session = requireRequestUser(request, "viewer");
  if (!session.ok) return new Response(`${session.error.message}\n`, { status: 401 });
  const parsed = Params.safeParse({
    id: (await context.params).id,
    after: request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after") ?? 0,
  });
  if (!parsed.success) return new Response("bad request\n", { status: 400 });
  const { id, after } = parsed.data;
  return eventStreamResponse(request, (sink) => {
    const send = (seq: number, event: RunStreamEvent) => {
      sink.write(encodeSse(seq, event));
      if (event.type === "end" || event.type === "gone") sink.close();
    };
    const subscription = runHub().subscribe(id, after, send);
    if (!subscription) {
      const run = getRun(getStore(), id);
      send(after + 1, { type: "gone", status: run ? run.status : "unknown" });
      return undefined;
    }
    for (const { seq, event } of subscription.replay) send(seq, event);
    if (subscription.ended && sink.open)
      send(after, { type: "gone", status: getRun(getStore(), id)?.status ?? "unknown" });
    return subscription.unsubscribe;
  });
}
