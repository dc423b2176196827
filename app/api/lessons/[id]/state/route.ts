import { type LessonStateSnapshot, lessonStateHub, readLessonState } from "@/lib/app/lesson-state";
import { LessonIdSchema } from "@/lib/lessons/schema";
import { eventStreamResponse } from "../../../../_lib/event-stream";
import { lessonStateSteps } from "../../../../_lib/lessons";
import { requireRequestUser } from "../../../../_lib/session";
import { getStore } from "../../../../_lib/store";

export const dynamic = "force-dynamic";

function encode(snapshot: LessonStateSnapshot): string {
  return `id: ${snapshot.revision}\nevent: state\ndata: ${JSON.stringify(snapshot)}\n\n`;
}

/**
 * The caller's state of a lesson as server-sent events: the state now, then every change (from the
 * guided view, the presenter view, another browser, or a run the server follows). The presenter view
 * follows the teacher's guided view through it. Read-only; the session is checked here.
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  // auth: every route handler checks the caller itself, first (an anonymous caller learns nothing).
  const session = requireRequestUser(request, "viewer");
  if (!session.ok) return new Response(`${session.error.message}\n`, { status: 401 });
  const id = LessonIdSchema.safeParse((await context.params).id);
  if (!id.success) return new Response("bad request: lesson id\n", { status: 400 });
  const steps = lessonStateSteps(id.data);
  if (!steps) return new Response(`no lesson '${id.data}'\n`, { status: 404 });
  const key = { userId: session.user.userId, lessonId: id.data };
  return eventStreamResponse(request, (sink) => {
    let last = -1;
    const send = (snapshot: LessonStateSnapshot) => {
      if (snapshot.revision <= last) return;
      last = snapshot.revision;
      sink.write(encode(snapshot));
    };
    const unsubscribe = lessonStateHub().subscribe(key, send);
    const now = readLessonState(getStore(), key, steps);
    if (now.revision === 0) {
      sink.write(encode(now));
      last = 0;
    } else send(now);
    return unsubscribe;
  });
}
