import { dirname, join } from "node:path";

/** The admin the global setup creates through /setup; its password is random per run (E2E_ADMIN_PASSWORD). */
export const E2E_ADMIN = "e2e-admin";

/** Where the signed-in admin's cookies are saved for every test (next to this run's database). */
export function adminStatePath(): string {
  const db = process.env.E2E_DB;
  if (!db) throw new Error("E2E_DB is not set (playwright.config.ts sets it)");
  return join(dirname(db), "e2e-admin.json");
}
