import { TopologiesView } from "@/components/topologies/topologies-view";
import { listTopologies } from "@/lib/store/topologies";
import { getTranslator } from "../_lib/locale";
import { requireUser } from "../_lib/session";
import { getStore } from "../_lib/store";
import { listTemplates } from "../_lib/templates";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslator()).t("nav.topologies") };
}

export default async function TopologiesPage() {
  const session = await requireUser("viewer");
  if (!session.ok) return <p className="p-6">{session.error.message}</p>;
  const topologies = listTopologies(getStore());
  const templates = (await listTemplates()).map(({ id, name, description }) => ({ id, name, description }));
  return <TopologiesView topologies={topologies} templates={templates} />;
}
