import { HostStatusView } from "@/components/status/host-status-view";
import { inventoryChoices, registerLabInventory } from "@/lib/app/inventory";
import { getTranslator } from "../_lib/locale";
import { requireUser } from "../_lib/session";
import { getStore } from "../_lib/store";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslator()).t("status.title") };
}

export default async function StatusPage() {
  const session = await requireUser("viewer");
  if (!session.ok) return <p className="p-6">{session.error.message}</p>;
  const { t } = await getTranslator();
  const store = getStore();
  await registerLabInventory(store);
  const inventories = inventoryChoices(store).map(({ id, name, hosts }) => ({ id, name, hosts }));
  return (
    <section className="mx-auto w-full max-w-6xl space-y-4 overflow-auto p-6" data-testid="status-page">
      <h1 className="text-xl font-semibold">{t("status.title")}</h1>
      <p className="text-sm text-muted">{t("status.intro")}</p>
      <HostStatusView inventories={inventories} />
    </section>
  );
}
