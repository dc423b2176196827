import "server-only";
import { eq } from "drizzle-orm";
import { nowIso } from "./clock";
import type { Store } from "./open";
import { err, ok, type Result } from "./result";
import { inventories, inventorySettings } from "./schema";

/**
 * Whether the hosts of a dashboard inventory may use the dashboard machine's ssh-agent (security
 * finding 3): off unless an admin enabled it for this one inventory, since the agent lends whatever
 * keys the dashboard's user holds.
 */
export function inventoryAgentAllowed(store: Store, inventoryId: string): boolean {
  const row = store.db
    .select({ allowed: inventorySettings.agentAllowed })
    .from(inventorySettings)
    .where(eq(inventorySettings.inventoryId, inventoryId))
    .get();
  return row?.allowed === true;
}

/** Turns the ssh-agent on or off for one inventory (the caller checks that an admin asks). */
export function setInventoryAgent(
  store: Store,
  inventoryId: string,
  allowed: boolean,
  who: string,
): Result<{ inventoryId: string; allowed: boolean }, { code: "not-found"; message: string }> {
  const exists = store.db.select({ id: inventories.id }).from(inventories).where(eq(inventories.id, inventoryId)).get();
  if (!exists) return err({ code: "not-found", message: "no such inventory" });
  const updatedAt = nowIso(store);
  store.db
    .insert(inventorySettings)
    .values({ inventoryId, agentAllowed: allowed, updatedAt, updatedBy: who })
    .onConflictDoUpdate({
      target: inventorySettings.inventoryId,
      set: { agentAllowed: allowed, updatedAt, updatedBy: who },
    })
    .run();
  return ok({ inventoryId, allowed });
}
