import { InventoryCard, type InventoryCardData } from "@/components/hosts/inventory-card";
import { LabCard } from "@/components/hosts/lab-card";
import { NewInventoryForm } from "@/components/hosts/new-inventory-form";
import { registerLabInventory } from "@/lib/app/inventory";
import { inventoryHostViews, parseInventoryText } from "@/lib/inventory/document";
import { labStatus } from "@/lib/lab/lifecycle/lab-status";
import { listSecrets } from "@/lib/secrets/vault";
import { getInventory, listInventories } from "@/lib/store/inventories";
import { listInventoryGrants } from "@/lib/store/inventory-grants";
import { inventoryAgentAllowed } from "@/lib/store/inventory-settings";
import { listTopologies } from "@/lib/store/topologies";
import { getTranslator } from "../_lib/locale";
import { requireUser } from "../_lib/session";
import { getStore } from "../_lib/store";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslator()).t("nav.hosts") };
}

export default async function HostsPage() {
  const session = await requireUser("viewer");
  if (!session.ok) return <p className="p-6">{session.error.message}</p>;
  const { t } = await getTranslator();
  const store = getStore();
  await registerLabInventory(store);
  const status = await labStatus();
  const inventories: InventoryCardData[] = listInventories(store).map((summary) => {
    const record = getInventory(store, summary.id);
    const parsed = record ? parseInventoryText(record.document) : null;
    const keys = Object.fromEntries(
      listSecrets(store, summary.id)
        .filter((secret) => secret.kind === "private-key")
        .map((secret) => [secret.host, secret.fingerprint]),
    );
    return {
      id: summary.id,
      name: summary.name,
      updatedAt: summary.updatedAt,
      lab: parsed?.ok ? Boolean(parsed.inventory.lab) : false,
      problem: parsed && !parsed.ok ? (parsed.problems[0]?.message ?? "invalid") : null,
      // Key file paths (only the lab's own, now) are not shown to viewers.
      hosts: parsed?.ok
        ? inventoryHostViews(parsed.inventory).map((host) =>
            host.key.kind === "file" && session.user.role === "viewer"
              ? { ...host, key: { kind: "file" as const, path: "(key file)" } }
              : host,
          )
        : [],
      keys,
      agentAllowed: inventoryAgentAllowed(store, summary.id),
      canSetAgent: session.user.role === "admin",
      grants: listInventoryGrants(store, summary.id).map(({ userName, access }) => ({ userName, access })),
    };
  });
  const topologies = listTopologies(store).map(({ id, name }) => ({ id, name }));
  return (
    <section className="mx-auto w-full max-w-6xl space-y-6 overflow-auto p-6" data-testid="hosts-page">
      <h1 className="text-xl font-semibold">{t("nav.hosts")}</h1>
      <LabCard status={status} topologies={topologies} />
      <div className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <h2 className="text-lg font-semibold">{t("hosts.inventories")}</h2>
          <NewInventoryForm />
        </div>
        <p className="text-sm text-muted">{t("hosts.inventoriesHelp")}</p>
        {inventories.length === 0 ? (
          <p
            className="rounded-lg border border-dashed border-border p-8 text-center text-muted"
            data-testid="inventories-empty"
          >
            {t("hosts.noInventory")}
          </p>
        ) : (
          inventories.map((inventory) => <InventoryCard key={inventory.id} inventory={inventory} />)
        )}
      </div>
    </section>
  );
}
