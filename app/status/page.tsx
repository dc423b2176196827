import { HostStatusView } from "@/components/status/host-status-view";
import { inventoryChoices, registerLabInventory } from "@/lib/inventory/resolve";
import { requireUser } from "../_lib/session";
import { getStore } from "../_lib/store";

export const dynamic = "force-dynamic";
export const metadata = { title: "Host status" };

export default async function StatusPage() {
  const session = await requireUser("viewer");
  if (!session.ok) return <p className="p-6">{session.error.message}</p>;
  const store = getStore();
  await registerLabInventory(store);
  const inventories = inventoryChoices(store).map(({ id, name, hosts }) => ({ id, name, hosts }));
  return (
    <section className="mx-auto w-full max-w-6xl space-y-4 overflow-auto p-6" data-testid="status-page">
      <h1 className="text-xl font-semibold">Host status</h1>
      <p className="text-sm text-muted">
        Every Docker network and container the hosts of an inventory report, as they report them, including what
        Crossnet ignores: a name it could not have written is shown as text and marked, never planned on.
      </p>
      <HostStatusView inventories={inventories} />
    </section>
  );
}
