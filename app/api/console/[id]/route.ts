import { z } from "zod";
import { consoleHub } from "@/lib/app/console-session";
import { HANDS_LIMITS } from "@/lib/views/container-hands";
import { RecordId } from "../../../_lib/inputs";
import { requireRequestUser } from "../../../_lib/session";

export const dynamic = "force-dynamic";

const Body = z.discriminatedUnion("type", [
  z.object({ type: z.literal("input"), data: z.string().min(1).max(HANDS_LIMITS.consoleWriteMax) }).strict(),
  z
    .object({
      type: z.literal("resize"),
      cols: z.number().int().min(10).max(HANDS_LIMITS.colsMax),
      rows: z.number().int().min(2).max(HANDS_LIMITS.rowsMax),
    })
    .strict(),
  z.object({ type: z.literal("close") }).strict(),
]);

function json(body: object, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

/**
 * Keystrokes (at most {@link HANDS_LIMITS.consoleWriteMax} characters a request), a new terminal
 * size, or closing, for a console the caller opened. Operator role, Origin checked.
 */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  // auth: session, role and Origin first (route handlers get no CSRF check from Next).
  const session = requireRequestUser(request, "operator");
  if (!session.ok)
    return json({ ok: false, error: session.error }, session.error.code === "unauthenticated" ? 401 : 403);
  const id = RecordId.safeParse((await context.params).id);
  const text = await request.text();
  if (!id.success || text.length > HANDS_LIMITS.consoleWriteMax * 8)
    return json({ ok: false, error: { code: "invalid-input", message: "bad console id or body too large" } }, 400);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return json({ ok: false, error: { code: "invalid-input", message: "the body is not JSON" } }, 400);
  }
  const body = Body.safeParse(raw);
  if (!body.success) {
    const first = body.error.issues[0];
    return json(
      { ok: false, error: { code: "invalid-input", message: `${first?.path.join(".") || "body"}: ${first?.message}` } },
      400,
    );
  }
  const console = consoleHub().get(id.data, session.user.userName);
  if (!console)
    return json({ ok: false, error: { code: "not-found", message: "no such console (closed, or not yours)" } }, 404);
  if (body.data.type === "input") {
    const written = console.write(body.data.data);
    return written.ok
      ? json({ ok: true })
      : json({ ok: false, error: { code: "closed", message: written.message } }, 409);
  }
  if (body.data.type === "resize") {
    console.resize(body.data);
    return json({ ok: true });
  }
  console.close("closed by the user");
  return json({ ok: true });
}
