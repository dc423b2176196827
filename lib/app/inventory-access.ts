import "server-only";
import type { Role } from "../auth/roles";
import { inventoryAccess } from "../store/inventory-grants";
import type { Store } from "../store/open";
import { type Actor, type ForbiddenError, forbidden } from "./actor";

/**
 * {@link forbidden} for a use case that acts on one inventory's hosts: the role first, then the
 * inventory's grant. An admin may set an operator to `read` on an inventory ("production"): they
 * still see it, and still apply elsewhere, but acting on its hosts (apply, destroy, ping) is refused
 * with a sentence that says so. Admins are never limited (they set the grants); reading never is.
 */
export function forbiddenOnInventory(
  store: Store,
  actor: Actor,
  inventory: { id: string; name: string },
  required: Role,
): ForbiddenError | null {
  const denied = forbidden(actor, required);
  if (denied) return denied;
  if (required === "viewer" || actor.role === "admin") return null;
  if (inventoryAccess(store, inventory.id, actor.name) !== "read") return null;
  return {
    code: "forbidden",
    message: `${actor.name} may only read inventory '${inventory.name}': an admin limited them there (Hosts page)`,
  };
}
