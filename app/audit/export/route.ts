import { z } from "zod";
import { exportAudit } from "@/lib/store/audit-export";
import { requireRequestUser } from "../../_lib/session";
import { getStore } from "../../_lib/store";

export const dynamic = "force-dynamic";

const Query = z.object({ format: z.enum(["csv", "jsonl"]) });

const TYPES = { csv: "text/csv; charset=utf-8", jsonl: "application/x-ndjson; charset=utf-8" } as const;

/** The whole audit log as a download (CSV or JSON Lines, with the chain's hashes), streamed. */
export async function GET(request: Request): Promise<Response> {
  const session = requireRequestUser(request, "viewer");
  if (!session.ok)
    return new Response(`${session.error.message}\n`, { status: session.error.code === "forbidden" ? 403 : 401 });
  const parsed = Query.safeParse({ format: new URL(request.url).searchParams.get("format") ?? "csv" });
  if (!parsed.success) return new Response("format must be csv or jsonl\n", { status: 400 });
  const format = parsed.data.format;
  const chunks = exportAudit(getStore(), format);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      let text = "";
      for (let i = 0; i < 200; i++) {
        const next = chunks.next();
        if (next.done) {
          if (text) controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        text += next.value;
      }
      controller.enqueue(encoder.encode(text));
    },
    cancel() {
      chunks.return(undefined);
    },
  });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return new Response(stream, {
    headers: {
      "content-type": TYPES[format],
      "content-disposition": `attachment; filename="crossnet-audit-${stamp}.${format}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
