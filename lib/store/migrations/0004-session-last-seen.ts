import type { Migration } from "../migrate";

/** Sessions remember when they were last used, for the idle timeout (null: not used since sign-in). */
export const migration0004: Migration = {
  version: 4,
  name: "session-last-seen",
  sql: `
ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
`,
};
