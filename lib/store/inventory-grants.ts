import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { nowIso } from "./clock";
import type { Store } from "./open";
import { err, ok, type Result } from "./result";
import { inventories, inventoryGrants, users } from "./schema";

/** What a user may do on one inventory beyond reading it: `apply` (as their role allows) or `read` only. */
export type InventoryAccess = "read" | "apply";

export type InventoryGrant = { userName: string; access: InventoryAccess; updatedAt: string; updatedBy: string };

/** The user's access on the inventory, or undefined when no admin set one (the role decides). */
export function inventoryAccess(store: Store, inventoryId: string, userName: string): InventoryAccess | undefined {
  return store.db
    .select({ access: inventoryGrants.access })
    .from(inventoryGrants)
    .innerJoin(users, eq(users.id, inventoryGrants.userId))
    .where(and(eq(inventoryGrants.inventoryId, inventoryId), eq(users.name, userName)))
    .get()?.access;
}

/** The grants of one inventory, by user name. */
export function listInventoryGrants(store: Store, inventoryId: string): InventoryGrant[] {
  return store.db
    .select({
      userName: users.name,
      access: inventoryGrants.access,
      updatedAt: inventoryGrants.updatedAt,
      updatedBy: inventoryGrants.updatedBy,
    })
    .from(inventoryGrants)
    .innerJoin(users, eq(users.id, inventoryGrants.userId))
    .where(eq(inventoryGrants.inventoryId, inventoryId))
    .orderBy(asc(users.name))
    .all();
}

/** Sets (or with `null` clears) a user's access on an inventory; the caller checks that an admin asks. */
export function setInventoryAccess(
  store: Store,
  input: { inventoryId: string; userName: string; access: InventoryAccess | null; who: string },
): Result<{ userName: string; access: InventoryAccess | null }, { code: "not-found"; message: string }> {
  const inventory = store.db
    .select({ id: inventories.id })
    .from(inventories)
    .where(eq(inventories.id, input.inventoryId))
    .get();
  if (!inventory) return err({ code: "not-found", message: "no such inventory" });
  const user = store.db.select({ id: users.id }).from(users).where(eq(users.name, input.userName)).get();
  if (!user) return err({ code: "not-found", message: `no user named ${input.userName}` });
  const key = and(eq(inventoryGrants.inventoryId, input.inventoryId), eq(inventoryGrants.userId, user.id));
  if (input.access === null) store.db.delete(inventoryGrants).where(key).run();
  else {
    const updatedAt = nowIso(store);
    store.db
      .insert(inventoryGrants)
      .values({
        inventoryId: input.inventoryId,
        userId: user.id,
        access: input.access,
        updatedAt,
        updatedBy: input.who,
      })
      .onConflictDoUpdate({
        target: [inventoryGrants.inventoryId, inventoryGrants.userId],
        set: { access: input.access, updatedAt, updatedBy: input.who },
      })
      .run();
  }
  return ok({ userName: input.userName, access: input.access });
}
