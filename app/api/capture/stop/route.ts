import { z } from "zod";
import { stopRegisteredCapture } from "../../../_lib/capture-registry";
import { RecordId } from "../../../_lib/inputs";
import { requireRequestUser } from "../../../_lib/session";

export const dynamic = "force-dynamic";

const Input = z.object({ id: RecordId }).strict();

/** Stops a running capture of the calling operator at once (its stream then ends with `stoppedBy: "stop"`). */
export async function POST(request: Request): Promise<Response> {
  const session = requireRequestUser(request, "operator");
  if (!session.ok)
    return new Response(`${session.error.message}\n`, {
      status: session.error.code === "unauthenticated" ? 401 : 403,
    });
  const text = await request.text();
  let body: unknown = null;
  try {
    body = text.length <= 1024 ? JSON.parse(text) : null;
  } catch {}
  const parsed = Input.safeParse(body);
  if (!parsed.success) return new Response('give the capture\'s id: {"id": UUID}\n', { status: 400 });
  const stopped = stopRegisteredCapture(parsed.data.id, session.user.userId);
  return Response.json({ stopped }, { status: stopped ? 200 : 404 });
}
