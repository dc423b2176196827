import { z } from "zod";
import { readPingRunCells } from "@/lib/app/ping-session";
import { runListItem } from "@/lib/app/run-history";
import { exportFileName, matrixCsv, matrixJson } from "@/lib/matrix/export";
import { getRun } from "@/lib/store/runs";
import { RecordId } from "../../../../_lib/inputs";
import { requireRequestUser } from "../../../../_lib/session";
import { getStore } from "../../../../_lib/store";

export const dynamic = "force-dynamic";

const Params = z.object({ id: RecordId, format: z.enum(["csv", "json"]) });

/**
 * A stored ping run's matrix as CSV or JSON, every cell in full (raw output and command included), as
 * the browser builds it for small runs: a big run's page carries its cells without them. Read-only.
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  // auth: the caller's session first, then the input (an anonymous caller learns nothing).
  const session = requireRequestUser(request, "viewer");
  if (!session.ok) return new Response(`${session.error.message}\n`, { status: 401 });
  const parsed = Params.safeParse({
    id: (await context.params).id,
    format: new URL(request.url).searchParams.get("format"),
  });
  if (!parsed.success) return new Response("bad request: id must be a run id, format csv or json\n", { status: 400 });
  const store = getStore();
  const run = getRun(store, parsed.data.id);
  if (run?.kind !== "ping") return new Response("no such ping run\n", { status: 404 });
  const item = runListItem(store, run);
  const cells = readPingRunCells(store, run);
  const meta = {
    topology: item.topology?.name ?? "topology",
    version: item.topology?.version ?? null,
    runId: run.id,
    startedAt: run.startedAt,
  };
  const csv = parsed.data.format === "csv";
  return new Response(csv ? matrixCsv(cells) : matrixJson(cells, meta), {
    headers: {
      "content-type": csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${exportFileName(meta.topology, meta.startedAt, parsed.data.format)}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
