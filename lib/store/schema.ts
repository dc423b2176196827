import "server-only";
import { blob, index, integer, primaryKey, real, sqliteTable, text, unique } from "drizzle-orm/sqlite-core";

/**
 * Drizzle table definitions, used for typed queries. The SQL that creates these tables lives in
 * `lib/store/migrations/`; `schema.test.ts` checks that both describe the same columns.
 * Timestamps are ISO-8601 UTC strings (`2025-01-31T12:00:00.000Z`): sortable as text and readable
 * in the sqlite3 shell. JSON columns are text the repositories serialise and parse themselves.
 */

export const RUN_KINDS = ["apply", "destroy", "ping", "lab"] as const;
export const RUN_STATUSES = ["running", "done", "partial", "failed", "cancelled"] as const;
export const JOURNAL_STATES = ["started", "ok", "failed", "unknown"] as const;
export const SECRET_KINDS = ["private-key", "password"] as const;
export const PING_BY = ["ip", "name", "tcp", "udp", "mtu"] as const;
export const PING_EXPECTED = ["reach", "blocked"] as const;
export const PING_ACTUAL = ["reach", "blocked", "error"] as const;
export const PING_VERDICTS = ["pass", "fail", "error"] as const;
export const AUDIT_KINDS = ["command", "api", "event"] as const;
export const ROLES = ["viewer", "operator", "admin"] as const;

export const topologies = sqliteTable("topologies", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

export const topologyVersions = sqliteTable(
  "topology_versions",
  {
    id: text("id").primaryKey(),
    topologyId: text("topology_id")
      .notNull()
      .references(() => topologies.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    document: text("document").notNull(),
    createdAt: text("created_at").notNull(),
    author: text("author").notNull(),
  },
  (t) => [unique("topology_versions_topology_version").on(t.topologyId, t.version)],
);

export const inventories = sqliteTable("inventories", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  document: text("document").notNull(),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

/** Admin-set settings of one inventory (migration 0006): the ssh-agent switch. */
export const inventorySettings = sqliteTable("inventory_settings", {
  inventoryId: text("inventory_id")
    .primaryKey()
    .references(() => inventories.id, { onDelete: "cascade" }),
  agentAllowed: integer("agent_allowed", { mode: "boolean" }).notNull().default(false),
  updatedAt: text("updated_at").notNull(),
  updatedBy: text("updated_by").notNull(),
});

/** TOTP secrets of admins (migration 0007): sealed with the secrets key; `enabledAt` null while pending. */
export const userTotp = sqliteTable("user_totp", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  ciphertext: blob("ciphertext", { mode: "buffer" }).notNull(),
  iv: blob("iv", { mode: "buffer" }).notNull(),
  tag: blob("tag", { mode: "buffer" }).notNull(),
  keyId: text("key_id").notNull(),
  enabledAt: text("enabled_at"),
  lastStep: integer("last_step"),
  createdAt: text("created_at").notNull(),
});

/** One-time recovery codes (migration 0007), only their SHA-256. */
export const userRecoveryCodes = sqliteTable("user_recovery_codes", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  codeHash: text("code_hash").notNull().unique(),
  usedAt: text("used_at"),
});

/** Per-inventory access of a user (migration 0008): `read` keeps an operator from acting there. */
export const inventoryGrants = sqliteTable(
  "inventory_grants",
  {
    inventoryId: text("inventory_id")
      .notNull()
      .references(() => inventories.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    access: text("access", { enum: ["read", "apply"] }).notNull(),
    updatedAt: text("updated_at").notNull(),
    updatedBy: text("updated_by").notNull(),
  },
  (table) => [primaryKey({ columns: [table.inventoryId, table.userId] })],
);

export const secrets = sqliteTable(
  "secrets",
  {
    id: text("id").primaryKey(),
    inventoryId: text("inventory_id")
      .notNull()
      .references(() => inventories.id, { onDelete: "cascade" }),
    host: text("host").notNull(),
    kind: text("kind", { enum: SECRET_KINDS }).notNull(),
    ciphertext: blob("ciphertext", { mode: "buffer" }).notNull(),
    iv: blob("iv", { mode: "buffer" }).notNull(),
    tag: blob("tag", { mode: "buffer" }).notNull(),
    /** Non-secret id of the master key that sealed this row, to report "wrong key" rather than "tampered". */
    keyId: text("key_id").notNull(),
    fingerprint: text("fingerprint").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [unique("secrets_inventory_host_kind").on(t.inventoryId, t.host, t.kind)],
);

export const runs = sqliteTable(
  "runs",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: RUN_KINDS }).notNull(),
    topologyVersionId: text("topology_version_id").references(() => topologyVersions.id, { onDelete: "set null" }),
    inventoryId: text("inventory_id").references(() => inventories.id, { onDelete: "set null" }),
    settingsJson: text("settings_json").notNull(),
    status: text("status", { enum: RUN_STATUSES }).notNull(),
    startedAt: text("started_at").notNull(),
    finishedAt: text("finished_at"),
    durationMs: integer("duration_ms"),
    summaryJson: text("summary_json"),
    who: text("who").notNull(),
  },
  (t) => [index("runs_started_at").on(t.startedAt)],
);

export const journal = sqliteTable(
  "journal",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    stepId: text("step_id").notNull(),
    host: text("host").notNull(),
    kind: text("kind").notNull(),
    resourceId: text("resource_id").notNull(),
    argvJson: text("argv_json").notNull(),
    state: text("state", { enum: JOURNAL_STATES }).notNull(),
    exitCode: integer("exit_code"),
    stdout: text("stdout").notNull(),
    stderr: text("stderr").notNull(),
    startedAt: text("started_at").notNull(),
    finishedAt: text("finished_at"),
  },
  (t) => [unique("journal_run_step").on(t.runId, t.stepId)],
);

export const pingCells = sqliteTable(
  "ping_cells",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    fromContainer: text("from_container").notNull(),
    toContainer: text("to_container").notNull(),
    by: text("by", { enum: PING_BY }).notNull(),
    target: text("target").notNull(),
    expected: text("expected", { enum: PING_EXPECTED }).notNull(),
    actual: text("actual", { enum: PING_ACTUAL }).notNull(),
    sent: integer("sent").notNull(),
    received: integer("received").notNull(),
    lossPct: real("loss_pct").notNull(),
    rttMinMs: real("rtt_min_ms"),
    rttAvgMs: real("rtt_avg_ms"),
    rttMaxMs: real("rtt_max_ms"),
    verdict: text("verdict", { enum: PING_VERDICTS }).notNull(),
    diagnosis: text("diagnosis"),
    error: text("error"),
    rawOutput: text("raw_output").notNull(),
    network: text("network"),
    command: text("command").notNull().default(""),
    attempts: integer("attempts").notNull().default(1),
    port: integer("port"),
    mtuExpected: integer("mtu_expected"),
    mtuPath: integer("mtu_path"),
    mtuInterface: integer("mtu_interface"),
  },
  (t) => [index("ping_cells_run").on(t.runId)],
);

export const audit = sqliteTable("audit", {
  seq: integer("seq").primaryKey(),
  at: text("at").notNull(),
  who: text("who").notNull(),
  kind: text("kind", { enum: AUDIT_KINDS }).notNull(),
  host: text("host"),
  hostKeyFingerprint: text("host_key_fingerprint"),
  argvJson: text("argv_json"),
  apiMethod: text("api_method"),
  apiPath: text("api_path"),
  exitCode: integer("exit_code"),
  durationMs: integer("duration_ms"),
  runId: text("run_id"),
  detail: text("detail"),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull(),
});

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  role: text("role", { enum: ROLES }).notNull(),
  passwordHash: text("password_hash").notNull(),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

export const sessions = sqliteTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    /** When the session last authorized a request (null: not since sign-in); for the idle timeout. */
    lastSeenAt: text("last_seen_at"),
  },
  (t) => [index("sessions_user").on(t.userId), index("sessions_expires").on(t.expiresAt)],
);

export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    username: text("username").notNull(),
    ip: text("ip").notNull(),
    at: text("at").notNull(),
    success: integer("success", { mode: "boolean" }).notNull(),
  },
  (t) => [index("login_attempts_user_ip_at").on(t.username, t.ip, t.at), index("login_attempts_ip_at").on(t.ip, t.at)],
);

export const setupTokens = sqliteTable("setup_tokens", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: text("created_at").notNull(),
  expiresAt: text("expires_at").notNull(),
  consumedAt: text("consumed_at"),
});

/** Every table, as passed to drizzle for relational queries. */
/** API tokens (`Authorization: Bearer`): only the token's SHA-256 is kept; shown once at creation. */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull().unique(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    lastUsedAt: text("last_used_at"),
    revokedAt: text("revoked_at"),
  },
  (t) => [index("api_tokens_user").on(t.userId)],
);

export const lessonStates = sqliteTable(
  "lesson_states",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    lessonId: text("lesson_id").notNull(),
    state: text("state").notNull(),
    revision: integer("revision").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [unique("lesson_states_user_lesson").on(t.userId, t.lessonId)],
);

export const schema = {
  topologies,
  topologyVersions,
  inventories,
  secrets,
  runs,
  journal,
  pingCells,
  audit,
  users,
  sessions,
  loginAttempts,
  setupTokens,
  apiTokens,
  lessonStates,
};

export type RunKind = (typeof RUN_KINDS)[number];
export type RunStatus = (typeof RUN_STATUSES)[number];
export type JournalState = (typeof JOURNAL_STATES)[number];
export type SecretKind = (typeof SECRET_KINDS)[number];
export type PingBy = (typeof PING_BY)[number];
export type PingExpected = (typeof PING_EXPECTED)[number];
export type PingActual = (typeof PING_ACTUAL)[number];
export type PingVerdict = (typeof PING_VERDICTS)[number];
export type AuditKind = (typeof AUDIT_KINDS)[number];
export type Role = (typeof ROLES)[number];
