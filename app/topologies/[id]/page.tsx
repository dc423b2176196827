import { notFound } from "next/navigation";
import { z } from "zod";
import { CaptureProvider } from "@/components/capture/capture-context";
import { Editor } from "@/components/editor/editor";
import { getLatestTopologyVersion, getTopology } from "@/lib/store/topologies";
import { emptyDocument } from "../../_lib/documents";
import { getTranslator } from "../../_lib/locale";
import { requireUser } from "../../_lib/session";
import { getStore } from "../../_lib/store";

export const dynamic = "force-dynamic";

/** The tab title is the design's name, only for a signed-in user (a name is data too). */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const fallback = { title: (await getTranslator()).t("runs.col.topology") };
  const session = await requireUser("viewer");
  if (!session.ok) return fallback;
  const id = z
    .string()
    .uuid()
    .safeParse((await params).id);
  const topology = id.success ? getTopology(getStore(), id.data) : null;
  return topology ? { title: topology.name } : fallback;
}

export default async function EditorPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireUser("viewer");
  if (!session.ok) return <p className="p-6">{session.error.message}</p>;
  const id = z
    .string()
    .uuid()
    .safeParse((await params).id);
  if (!id.success) notFound();
  const store = getStore();
  const topology = getTopology(store, id.data);
  if (!topology) notFound();
  const latest = getLatestTopologyVersion(store, topology.id);
  return (
    <CaptureProvider>
      <Editor
        topologyId={topology.id}
        name={topology.name}
        document={latest?.document ?? emptyDocument(topology.name)}
      />
    </CaptureProvider>
  );
}
