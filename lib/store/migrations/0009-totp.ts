import "server-only";
import type { Migration } from "../migrate";

/**
 * TOTP two-factor for admins: the shared secret encrypted like other secrets (AES-256-GCM, key
 * outside the database), pending until the first code confirms it, the last time step accepted (no
 * code works twice), and one-time recovery codes stored only as hashes.
 */
export const migration0009: Migration = {
  version: 9,
  name: "totp",
  sql: `
CREATE TABLE user_totp (
  user_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  ciphertext BLOB NOT NULL,
  iv BLOB NOT NULL,
  tag BLOB NOT NULL,
  key_id TEXT NOT NULL,
  enabled_at TEXT,
  last_step INTEGER,
  created_at TEXT NOT NULL
);
CREATE TABLE user_recovery_codes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL UNIQUE,
  used_at TEXT
);
CREATE INDEX user_recovery_codes_user ON user_recovery_codes (user_id);
`,
};
