import type { Inventory } from "./schema";

/** Hosts a design needs that an inventory has no entry for: the one "inventory lacks this host" check. */
export type InventoryGap = {
  code: "inventory-mismatch";
  /** The missing host names, sorted. */
  missing: string[];
  message: string;
};

/**
 * Which of `hosts` the inventory does not know, with the one sentence every entry point shows (the
 * CLI, the dashboard, a use case's error). Pure: `where` names the inventory (its file or stored name)
 * and `fix` says how to add hosts in the caller's words (a CLI flag or a dashboard page).
 * @returns null when every host is in the inventory.
 */
export function inventoryGap(
  hosts: Iterable<string>,
  inventory: Inventory,
  context: { where?: string; fix?: string } = {},
): InventoryGap | null {
  const missing = [...new Set(hosts)].filter((host) => !Object.hasOwn(inventory.hosts, host)).sort();
  if (missing.length === 0) return null;
  const known = Object.keys(inventory.hosts).sort().join(", ") || "no hosts";
  const fix = context.fix ?? "add them, or bring up a lab for this design (crossnet lab up --for FILE)";
  const where = context.where ? `inventory '${context.where}'` : "the inventory";
  return {
    code: "inventory-mismatch",
    missing,
    message: `${where} has no entry for ${missing.join(", ")} (it knows ${known}): ${fix}`,
  };
}
