import "server-only";
import { randomUUID } from "node:crypto";
import type { Store } from "./open";

/** The store's current time as the ISO-8601 UTC text every timestamp column holds. */
export function nowIso(store: Pick<Store, "now">): string {
  return store.now().toISOString();
}

/** A new random row id (UUID v4): unguessable, so ids in URLs reveal nothing about counts. */
export function newId(): string {
  return randomUUID();
}

/** True when SQLite refused a write because of a UNIQUE or PRIMARY KEY constraint. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
