import { openStore, type Store } from "@/lib/store/open";

const holder = globalThis as typeof globalThis & { __crossnetStore?: Store };

/**
 * The database for this server process, opened (and migrated) on first use. Held on globalThis so
 * dev-mode module reloads reuse one connection instead of leaking one per edit.
 */
export function getStore(): Store {
  if (holder.__crossnetStore) return holder.__crossnetStore;
  const opened = openStore();
  if (!opened.ok) throw new Error(`cannot open the Crossnet database: ${opened.error.message}`);
  holder.__crossnetStore = opened.value;
  return opened.value;
}
