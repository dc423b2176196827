import { z } from "zod";
import { sessionActor } from "@/lib/app/actor";
import { followContainerLogs } from "@/lib/app/container-logs";
import { HANDS_LIMITS } from "@/lib/views/container-hands";
import { ContainerRef, containerTarget } from "../../../_lib/container-target";
import { eventStreamResponse } from "../../../_lib/event-stream";
import { requireRequestUser } from "../../../_lib/session";
import { getStore } from "../../../_lib/store";

export const dynamic = "force-dynamic";

const Query = ContainerRef.extend({ lines: z.coerce.number().int().min(1).max(HANDS_LIMITS.tailMax).default(100) });

/**
 * Follows one container's log as server-sent events (`chunk` events of text, then `end` with why it
 * stopped): bounded in time and bytes, stopped when the browser goes away; audited. Operator role.
 */
export async function GET(request: Request): Promise<Response> {
  // auth: every route handler checks the caller itself, first.
  const session = requireRequestUser(request, "operator");
  if (!session.ok) return new Response(`${session.error.message}\n`, { status: 401 });
  const parsed = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return new Response("bad request\n", { status: 400 });
  const { lines, ...ref } = parsed.data;
  const store = getStore();
  const target = containerTarget(store, ref, sessionActor(session.user));
  if (!target.ok) return new Response(`${target.error.message}\n`, { status: 404 });
  const abort = new AbortController();
  return eventStreamResponse(request, (sink) => {
    const send = (event: string, data: object) => sink.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    void followContainerLogs(store, {
      ...target.value,
      lines,
      signal: abort.signal,
      onChunk: (text) => send("chunk", { text }),
    }).then((end) => {
      send("end", end.ok ? end.value : { reason: "failed", message: end.error.message });
      sink.close();
    });
    return () => abort.abort();
  });
}
