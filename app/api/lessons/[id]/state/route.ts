import { type LessonStateSnapshot, lessonStateHub, readLessonState } from "@/lib/app/lesson-state";
import { LessonIdSchema } from "@/lib/lessons/schema";
import { lessonStateSteps } from "../../../../_lib/lessons";
import { requireRequestUser } from "../../../../_lib/session";
import { getStore } from "../../../../_lib/store";

export const dynamic = "force-dynamic";

const HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
  "x-content-type-options": "nosniff",
};

function encode(snapshot: LessonStateSnapshot): string {
  return `id: ${snapshot.revision}\nevent: state\ndata: ${JSON.stringify(snapshot)}\n\n`;
}

/**
 * The caller's state of a lesson as server-sent events: the state now, then every change (from the
 * guided view, the presenter view, another browser, or a run the server follows). The presenter view
 * follows the teacher's guided view through it. Read-only; the session is checked here.
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = LessonIdSchema.safeParse((await context.params).id);
  if (!id.success) return new Response("bad request: lesson id\n", { status: 400 });
  // auth: requireSession() — every route handler checks the caller itself.
  const session = requireRequestUser(request, "viewer");
  if (!session.ok) return new Response(`${session.error.message}\n`, { status: 401 });
  const steps = lessonStateSteps(id.data);
  if (!steps) return new Response(`no lesson '${id.data}'\n`, { status: 404 });
  const key = { userId: session.user.userId, lessonId: id.data };
  const encoder = new TextEncoder();
  let close = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      let last = -1;
      const send = (snapshot: LessonStateSnapshot) => {
        if (!open || snapshot.revision <= last) return;
        last = snapshot.revision;
        controller.enqueue(encoder.encode(encode(snapshot)));
      };
      const keepalive = setInterval(() => open && controller.enqueue(encoder.encode(": keepalive\n\n")), 15_000);
      const unsubscribe = lessonStateHub().subscribe(key, send);
      close = () => {
        if (!open) return;
        open = false;
        clearInterval(keepalive);
        unsubscribe();
        controller.close();
      };
      request.signal.addEventListener("abort", () => close(), { once: true });
      const now = readLessonState(getStore(), key, steps);
      if (now.revision === 0) {
        controller.enqueue(encoder.encode(encode(now)));
        last = 0;
      } else send(now);
    },
    cancel() {
      close();
    },
  });
  return new Response(stream, { headers: HEADERS });
}
