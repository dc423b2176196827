import { z } from "zod";
import { getLatestTopologyVersion, getTopology } from "@/lib/store/topologies";
import { normalize, parseTopologyText } from "@/lib/topology";
import { RecordId } from "../../../_lib/inputs";
import { requireUser } from "../../../_lib/session";
import { getStore } from "../../../_lib/store";

const Query = z.object({ id: RecordId, format: z.enum(["yaml", "json"]) });

/** Downloads the newest version of a topology as YAML (as stored) or JSON. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const parsed = Query.safeParse({
    id: (await context.params).id,
    format: new URL(request.url).searchParams.get("format") ?? "yaml",
  });
  if (!parsed.success) return new Response("bad request\n", { status: 400 });
  // auth: requireSession() — route handlers get no CSRF or auth for free; check here.
  const session = await requireUser("viewer");
  if (!session.ok) return new Response(`${session.error.message}\n`, { status: 401 });
  const store = getStore();
  const topology = getTopology(store, parsed.data.id);
  const latest = topology && getLatestTopologyVersion(store, topology.id);
  if (!topology || !latest) return new Response("not found\n", { status: 404 });
  const fileName = topology.name.replace(/[^A-Za-z0-9_.-]/g, "_");
  if (parsed.data.format === "json") {
    const design = parseTopologyText(latest.document).topology;
    if (!design) return new Response("the stored document does not parse\n", { status: 422 });
    return new Response(`${JSON.stringify(normalize(design), null, 2)}\n`, {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="${fileName}.json"`,
        "x-content-type-options": "nosniff",
      },
    });
  }
  return new Response(latest.document, {
    headers: {
      "content-type": "application/yaml; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}.yaml"`,
      "x-content-type-options": "nosniff",
    },
  });
}
