import "server-only";
import { asc, eq } from "drizzle-orm";
import { redact } from "../text/redact";
import { isUniqueViolation, newId, nowIso } from "./clock";
import type { Store } from "./open";
import { err, ok, type Result } from "./result";
import { inventories } from "./schema";
import { checkStoredName } from "./topologies";

/** Largest inventory document stored (UTF-8 bytes). */
export const INVENTORY_DOCUMENT_MAX_BYTES = 256 * 1024;

/** An inventory without its document, for lists. */
export type InventorySummary = { id: string; name: string; createdAt: string; updatedAt: string };

/** An inventory with its YAML document (which never holds secrets: those live in the `secrets` table). */
export type InventoryRecord = InventorySummary & { document: string };

export type InventoryError =
  | { code: "invalid-name"; message: string }
  | { code: "name-taken"; message: string; name: string }
  | { code: "not-found"; message: string; id: string }
  | { code: "document-too-large"; message: string; bytes: number; limit: number }
  | { code: "contains-secret"; message: string };

/**
 * Refuses documents that are too large or that look like they hold a private key, password or
 * token: the inventory is sent to the browser, so secrets must go through `lib/secrets` instead.
 */
function checkDocument(document: string): Result<string, InventoryError> {
  const bytes = Buffer.byteLength(document, "utf8");
  if (bytes > INVENTORY_DOCUMENT_MAX_BYTES) {
    return err({
      code: "document-too-large",
      message: `inventory document is ${bytes} bytes; the limit is ${INVENTORY_DOCUMENT_MAX_BYTES}`,
      bytes,
      limit: INVENTORY_DOCUMENT_MAX_BYTES,
    });
  }
  if (redact(document) !== document) {
    return err({
      code: "contains-secret",
      message:
        "the inventory document looks like it contains a private key, password or token; store credentials as secrets (encrypted) and refer to them instead",
    });
  }
  return ok(document);
}

function nameTaken(name: string): InventoryError {
  return { code: "name-taken", message: `an inventory named '${name}' exists`, name };
}

const summaryColumns = {
  id: inventories.id,
  name: inventories.name,
  createdAt: inventories.createdAt,
  updatedAt: inventories.updatedAt,
};

/** Creates an inventory; the name is unique and the document must hold no secrets. */
export function createInventory(
  store: Store,
  input: { name: string; document: string },
): Result<InventoryRecord, InventoryError> {
  const name = checkStoredName(input.name);
  if (!name.ok) return name;
  const document = checkDocument(input.document);
  if (!document.ok) return document;
  const at = nowIso(store);
  const record: InventoryRecord = {
    id: newId(),
    name: name.value,
    document: document.value,
    createdAt: at,
    updatedAt: at,
  };
  try {
    store.db.insert(inventories).values(record).run();
  } catch (error) {
    if (isUniqueViolation(error)) return err(nameTaken(name.value));
    throw error;
  }
  return ok(record);
}

/** Replaces an inventory's name and/or document. */
export function updateInventory(
  store: Store,
  id: string,
  change: { name?: string; document?: string },
): Result<InventoryRecord, InventoryError> {
  const set: Partial<InventoryRecord> = { updatedAt: nowIso(store) };
  if (change.name !== undefined) {
    const name = checkStoredName(change.name);
    if (!name.ok) return name;
    set.name = name.value;
  }
  if (change.document !== undefined) {
    const document = checkDocument(change.document);
    if (!document.ok) return document;
    set.document = document.value;
  }
  try {
    const result = store.db.update(inventories).set(set).where(eq(inventories.id, id)).run();
    if (result.changes === 0) return err({ code: "not-found", message: `no inventory with id ${id}`, id });
  } catch (error) {
    if (isUniqueViolation(error) && set.name) return err(nameTaken(set.name));
    throw error;
  }
  return ok(getInventory(store, id)!);
}

/** Every inventory, sorted by name, without documents. */
export function listInventories(store: Store): InventorySummary[] {
  return store.db.select(summaryColumns).from(inventories).orderBy(asc(inventories.name)).all();
}

/** One inventory with its document, or `null`. */
export function getInventory(store: Store, id: string): InventoryRecord | null {
  return store.db.select().from(inventories).where(eq(inventories.id, id)).get() ?? null;
}

/** One inventory by unique name, or `null`. */
export function getInventoryByName(store: Store, name: string): InventoryRecord | null {
  return store.db.select().from(inventories).where(eq(inventories.name, name)).get() ?? null;
}

/** Deletes an inventory and, by cascade, every secret stored for it. */
export function deleteInventory(store: Store, id: string): Result<{ id: string }, InventoryError> {
  const result = store.db.delete(inventories).where(eq(inventories.id, id)).run();
  return result.changes === 0 ? err({ code: "not-found", message: `no inventory with id ${id}`, id }) : ok({ id });
}
