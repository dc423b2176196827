import "server-only";
import { closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { type Migration, type MigrationError, migrate } from "./migrate";
import { migrations as allMigrations } from "./migrations/index";
import { err, ok, type Result } from "./result";
import { schema } from "./schema";

/** Where the database lives unless `CROSSNET_DB` says otherwise (relative to the working directory). */
export const DEFAULT_DB_PATH = "./data/crossnet.db";

/** The typed drizzle handle over every Crossnet table. */
export type StoreDb = BetterSQLite3Database<typeof schema>;

/**
 * An open, migrated database. Repository functions take it as their first argument, so nothing
 * reads a global connection and tests pass an in-memory one. `now` is the clock every repository
 * uses for timestamps (tests pass a fake one).
 */
export type Store = {
  db: StoreDb;
  sqlite: Database.Database;
  path: string;
  now(): Date;
  close(): void;
};

export type OpenStoreOptions = {
  /** Database file, or `:memory:`. Default: `CROSSNET_DB` from `env`, else {@link DEFAULT_DB_PATH}. */
  path?: string;
  env?: Readonly<Record<string, string | undefined>>;
  now?: () => Date;
  /** Defaults to every migration Crossnet ships; tests pass a prefix to build an old database. */
  migrations?: readonly Migration[];
};

export type StoreOpenError = MigrationError | { code: "open-failed"; message: string; path: string };

/** The database path from the environment: `CROSSNET_DB` when set and non-empty, else the default. */
export function resolveDbPath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const fromEnv = env.CROSSNET_DB?.trim();
  return fromEnv ? fromEnv : DEFAULT_DB_PATH;
}

/** Creates the parent directory (0700) and an empty database file (0600) so SQLite never creates it world-readable. */
function prepareFile(path: string): void {
  if (path === ":memory:" || path.startsWith("file:")) return;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (existsSync(path)) return;
  try {
    closeSync(openSync(path, "wx", 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}

/**
 * Opens (creating if needed) the Crossnet database and applies pending migrations before anything
 * else can touch it. Sets WAL mode (readers do not block the writer: the dashboard reads while the
 * CLI applies), foreign keys on, and a busy timeout so two processes wait instead of failing.
 */
export function openStore(options: OpenStoreOptions = {}): Result<Store, StoreOpenError> {
  const path = options.path ?? resolveDbPath(options.env);
  const now = options.now ?? (() => new Date());
  let sqlite: Database.Database;
  try {
    prepareFile(path);
    sqlite = new Database(path);
  } catch (error) {
    return err({ code: "open-failed", message: `cannot open ${path}: ${(error as Error).message}`, path });
  }
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("synchronous = NORMAL");
    const migrated = migrate(sqlite, options.migrations ?? allMigrations, now);
    if (!migrated.ok) {
      sqlite.close();
      return migrated;
    }
  } catch (error) {
    sqlite.close();
    return err({ code: "open-failed", message: `cannot prepare ${path}: ${(error as Error).message}`, path });
  }
  const db = drizzle({ client: sqlite, schema });
  return ok({ db, sqlite, path, now, close: () => sqlite.close() });
}
