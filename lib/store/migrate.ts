import "server-only";
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { err, ok, type Result } from "./result";

/** One schema change. `version` numbers start at 1 and have no gaps; `sql` may hold several statements. */
export type Migration = { version: number; name: string; sql: string };

/** What `migrate` did: the schema version before and after, and the versions it applied now. */
export type MigrationReport = { from: number; to: number; applied: number[] };

/** Why a database could not be brought to the current schema. Nothing was changed in any case. */
export type MigrationError =
  | { code: "schema-too-new"; message: string; dbVersion: number; knownVersion: number }
  | { code: "migration-changed"; message: string; version: number }
  | { code: "migration-failed"; message: string; version: number };

type AppliedRow = { version: number; name: string; checksum: string };

/** SHA-256 of a migration's name and SQL, recorded when it is applied. */
export function migrationChecksum(migration: Migration): string {
  return createHash("sha256").update(`${migration.version}\n${migration.name}\n${migration.sql}`).digest("hex");
}

function isAppliedRow(value: unknown): value is AppliedRow {
  if (typeof value !== "object" || value === null) return false;
  const row = value as Record<string, unknown>;
  return typeof row.version === "number" && typeof row.name === "string" && typeof row.checksum === "string";
}

function assertOrdered(list: readonly Migration[]): void {
  list.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migrations must be numbered 1..n without gaps; found ${migration.version} at position ${index}`);
    }
  });
}

/**
 * Brings the database to the newest schema in `list`, in one IMMEDIATE transaction: either every
 * pending migration is applied or none is. Idempotent: on an up-to-date database it changes nothing.
 * Refuses a database written by a newer Crossnet (`schema-too-new`) and one whose applied history
 * differs from the code (`migration-changed`), because guessing there could corrupt data.
 */
export function migrate(
  sqlite: Database.Database,
  list: readonly Migration[],
  now: () => Date = () => new Date(),
): Result<MigrationReport, MigrationError> {
  assertOrdered(list);
  const knownVersion = list.length;
  let failing = 0;
  const apply = sqlite.transaction((): Result<MigrationReport, MigrationError> => {
    sqlite.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)",
    );
    const applied = sqlite
      .prepare("SELECT version, name, checksum FROM schema_migrations ORDER BY version")
      .all()
      .filter(isAppliedRow);
    const dbVersion = applied.at(-1)?.version ?? 0;
    if (dbVersion > knownVersion) {
      return err({
        code: "schema-too-new",
        message: `the database is at schema version ${dbVersion} but this Crossnet knows only up to ${knownVersion}; upgrade Crossnet or use another CROSSNET_DB`,
        dbVersion,
        knownVersion,
      });
    }
    for (const row of applied) {
      const known = list[row.version - 1];
      if (!known || migrationChecksum(known) !== row.checksum) {
        return err({
          code: "migration-changed",
          message: `migration ${row.version} (${row.name}) recorded in the database differs from this Crossnet's; refusing to continue`,
          version: row.version,
        });
      }
    }
    const insert = sqlite.prepare(
      "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
    );
    const done: number[] = [];
    for (const migration of list.slice(dbVersion)) {
      failing = migration.version;
      sqlite.exec(migration.sql);
      insert.run(migration.version, migration.name, migrationChecksum(migration), now().toISOString());
      done.push(migration.version);
    }
    return ok({ from: dbVersion, to: Math.max(dbVersion, knownVersion), applied: done });
  });
  try {
    return apply.immediate();
  } catch (error) {
    if (failing === 0) throw error;
    return err({
      code: "migration-failed",
      message: `migration ${failing} failed and nothing was changed: ${(error as Error).message}`,
      version: failing,
    });
  }
}
