import type { Migration } from "../migrate";

/** API tokens for scripts and CI: stored only as a hash, each with a role, an expiry and a revocation time. */
export const migration0005: Migration = {
  version: 5,
  name: "api-tokens",
  sql: `
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
`,
};
