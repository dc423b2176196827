import { openStore, type Store } from "../../lib/store/open";

/**
 * Runs `use` on this run's database (E2E_DB), as the harness holds it (like an operator at the
 * server console): to read what the server recorded, or to move a timestamp back in time.
 */
export function withE2eStore<T>(use: (store: Store) => T): T {
  const db = process.env.E2E_DB;
  if (!db) throw new Error("E2E_DB is not set (playwright.config.ts sets it)");
  const opened = openStore({ path: db });
  if (!opened.ok) throw new Error(opened.error.message);
  try {
    return use(opened.value);
  } finally {
    opened.value.close();
  }
}
