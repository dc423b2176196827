import "server-only";
import type { Migration } from "../migrate";

/**
 * Ping cells keep the exact command that ran (as a person would type it on the source's host),
 * how many attempts it took (failed pairs are retried once), and the design network of the target.
 */
export const migration0003: Migration = {
  version: 3,
  name: "ping-cell-command",
  sql: `
ALTER TABLE ping_cells ADD COLUMN network TEXT;
ALTER TABLE ping_cells ADD COLUMN command TEXT NOT NULL DEFAULT '';
ALTER TABLE ping_cells ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1);
`,
};
