import "server-only";
import type { Migration } from "../migrate";

/**
 * Per-inventory permissions: an admin may limit an operator to reading one inventory (e.g.
 * "production") while they still apply on others. No row: the user's role decides alone.
 */
export const migration0010: Migration = {
  version: 10,
  name: "inventory-grants",
  sql: `
CREATE TABLE inventory_grants (
  inventory_id TEXT NOT NULL REFERENCES inventories(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  access TEXT NOT NULL CHECK (access IN ('read', 'apply')),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (inventory_id, user_id)
);
`,
};
