import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { migrate, migrationChecksum } from "./migrate";
import { migrations } from "./migrations/index";
import { openStore, resolveDbPath } from "./open";
import { openTestStore } from "./testing";
import { createTopology, listTopologies } from "./topologies";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "crossnet-store-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function tables(sqlite: Database.Database): string[] {
  return sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all()
    .map((row) => (row as { name: string }).name);
}

test("a new database gets every table and records each migration", () => {
  const store = openTestStore();
  expect(tables(store.sqlite)).toEqual([
    "api_tokens",
    "audit",
    "inventories",
    "inventory_grants",
    "inventory_settings",
    "journal",
    "lesson_states",
    "login_attempts",
    "perf_results",
    "ping_cells",
    "runs",
    "schema_migrations",
    "secrets",
    "sessions",
    "setup_tokens",
    "topologies",
    "topology_versions",
    "user_recovery_codes",
    "user_totp",
    "users",
  ]);
  const versions = store.sqlite.prepare("SELECT version FROM schema_migrations ORDER BY version").all();
  expect(versions).toEqual(migrations.map((m) => ({ version: m.version })));
});

test("opening a file database twice is a no-op the second time and keeps the data", () => {
  const path = join(dir, "db", "crossnet.db");
  const first = openStore({ path });
  if (!first.ok) throw new Error(first.error.message);
  createTopology(first.value, { name: "kept" });
  first.value.close();

  const second = openStore({ path });
  if (!second.ok) throw new Error(second.error.message);
  expect(listTopologies(second.value).map((t) => t.name)).toEqual(["kept"]);
  expect(migrate(second.value.sqlite, migrations)).toEqual({
    ok: true,
    value: { from: migrations.length, to: migrations.length, applied: [] },
  });
  second.value.close();
});

test("an old database (only the first migration) migrates forward and keeps its rows", () => {
  const path = join(dir, "old.db");
  const old = openStore({ path, migrations: migrations.slice(0, 1) });
  if (!old.ok) throw new Error(old.error.message);
  createTopology(old.value, { name: "from-v1" });
  expect(tables(old.value.sqlite)).not.toContain("users");
  old.value.close();

  const sqlite = new Database(path);
  const report = migrate(sqlite, migrations);
  expect(report).toEqual({
    ok: true,
    value: { from: 1, to: migrations.length, applied: migrations.slice(1).map((m) => m.version) },
  });
  expect(tables(sqlite)).toContain("users");
  expect(sqlite.prepare("SELECT name FROM topologies").all()).toEqual([{ name: "from-v1" }]);
  sqlite.close();
});

test("a database from a newer Crossnet is refused, untouched", () => {
  const sqlite = new Database(":memory:");
  migrate(sqlite, migrations);
  sqlite
    .prepare("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, 'future', 'x', 'now')")
    .run(migrations.length + 1);
  const result = migrate(sqlite, migrations);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error).toMatchObject({ code: "schema-too-new", dbVersion: migrations.length + 1 });
});

test("a database whose recorded migration differs from the code is refused", () => {
  const sqlite = new Database(":memory:");
  migrate(sqlite, migrations.slice(0, 1));
  sqlite.prepare("UPDATE schema_migrations SET checksum = 'tampered' WHERE version = 1").run();
  const result = migrate(sqlite, migrations);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error).toMatchObject({ code: "migration-changed", version: 1 });
  expect(tables(sqlite)).not.toContain("users");
});

test("a failing migration rolls back every migration of the batch", () => {
  const sqlite = new Database(":memory:");
  const broken = [
    ...migrations,
    { version: migrations.length + 1, name: "broken", sql: "CREATE TABLE x (a); SELECT * FROM nope;" },
  ];
  const result = migrate(sqlite, broken);
  expect(result).toMatchObject({ ok: false, error: { code: "migration-failed", version: migrations.length + 1 } });
  expect(tables(sqlite)).toEqual([]);
});

test("migrations must be numbered without gaps", () => {
  const sqlite = new Database(":memory:");
  expect(() => migrate(sqlite, [{ version: 2, name: "x", sql: "" }])).toThrow(/without gaps/);
});

test("checksums change when the SQL changes", () => {
  const m = { version: 1, name: "a", sql: "CREATE TABLE a (x)" };
  expect(migrationChecksum(m)).not.toBe(migrationChecksum({ ...m, sql: "CREATE TABLE a (y)" }));
});

describe("openStore", () => {
  test("uses WAL, foreign keys and a busy timeout, and creates the file 0600 in a 0700 directory", () => {
    const path = join(dir, "data", "crossnet.db");
    const opened = openStore({ path });
    if (!opened.ok) throw new Error(opened.error.message);
    const { sqlite } = opened.value;
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(sqlite.pragma("busy_timeout", { simple: true })).toBe(5000);
    opened.value.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, "data")).mode & 0o777).toBe(0o700);
  });

  test("CROSSNET_DB moves the database; empty means the default", () => {
    expect(resolveDbPath({ CROSSNET_DB: "/tmp/x.db" })).toBe("/tmp/x.db");
    expect(resolveDbPath({ CROSSNET_DB: "  " })).toBe("./data/crossnet.db");
    expect(resolveDbPath({})).toBe("./data/crossnet.db");
    const opened = openStore({ env: { CROSSNET_DB: ":memory:" } });
    expect(opened.ok && opened.value.path).toBe(":memory:");
  });

  test("a path that cannot be opened is a typed error", () => {
    const opened = openStore({ path: join(dir, "missing-dir-is-a-file") });
    expect(opened.ok).toBe(true);
    if (opened.ok) opened.value.close();
    const blocked = openStore({ path: join(dir, "missing-dir-is-a-file", "x.db") });
    expect(blocked).toMatchObject({ ok: false, error: { code: "open-failed" } });
  });
});
