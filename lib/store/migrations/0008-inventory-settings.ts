import "server-only";
import type { Migration } from "../migrate";

/**
 * Per-inventory settings an admin sets: whether the hosts of a dashboard inventory may authenticate
 * with the dashboard machine's ssh-agent (off unless enabled for that one inventory).
 */
export const migration0008: Migration = {
  version: 8,
  name: "inventory-settings",
  sql: `
CREATE TABLE inventory_settings (
  inventory_id TEXT PRIMARY KEY NOT NULL REFERENCES inventories(id) ON DELETE CASCADE,
  agent_allowed INTEGER NOT NULL DEFAULT 0 CHECK (agent_allowed IN (0, 1)),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
`,
};
