import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { loadSecretKey, SecretKey } from "../secrets/key";
import type { AuditMac } from "./audit-chain";
import type { Store } from "./open";
import { err, ok, type Result } from "./result";

/** The file name of the audit key beside the database, unless `CROSSNET_AUDIT_KEY_FILE` names another. */
export const AUDIT_KEY_FILE_NAME = "audit.key";

export type AuditKeyError = { code: "audit-key"; message: string };

/** The audit MAC and whether this call created its key (the moment legacy rows get sealed). */
export type AuditKey = { mac: AuditMac; created: boolean; path: string | null };

const memoryKeys = new WeakMap<object, SecretKey>();
const fileKeys = new Map<string, SecretKey>();

/**
 * Where the audit key of `store` lives: `CROSSNET_AUDIT_KEY_FILE`, else `audit.key` beside the
 * database file. Outside the database on purpose: whoever edits a copy of the database cannot
 * recompute the chain. `null` for an in-memory database (its key lives as long as the connection).
 */
export function auditKeyPath(
  store: Pick<Store, "path">,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | null {
  const fromEnv = env.CROSSNET_AUDIT_KEY_FILE?.trim();
  if (fromEnv) return fromEnv;
  if (store.path === ":memory:" || store.path.startsWith("file:")) return null;
  return join(dirname(store.path), AUDIT_KEY_FILE_NAME);
}

function macOf(key: SecretKey): AuditMac {
  return (data) => key.mac("audit-chain", Buffer.from(data, "utf8")).toString("hex");
}

/**
 * The audit key of `store`: from `CROSSNET_AUDIT_KEY` (base64 of 32 bytes), else its key file
 * (mode 0600, created on first use when `create`), else for an in-memory database a random key
 * per connection. `ok(null)` when there is no key yet and `create` is false.
 */
export function loadAuditKey(
  store: Pick<Store, "path" | "sqlite">,
  options: { create: boolean; env?: Readonly<Record<string, string | undefined>> },
): Result<AuditKey | null, AuditKeyError> {
  const env = options.env ?? process.env;
  const path = auditKeyPath(store, env);
  const fromEnv = env.CROSSNET_AUDIT_KEY?.trim();
  if (!fromEnv && path === null) {
    let key = memoryKeys.get(store.sqlite);
    const created = !key;
    if (!key) {
      if (!options.create) return ok(null);
      key = new SecretKey(randomBytes(32));
      memoryKeys.set(store.sqlite, key);
    }
    return ok({ mac: macOf(key), created, path: null });
  }
  const cacheId = fromEnv ? `env:${fromEnv}` : `file:${path}`;
  const cached = fileKeys.get(cacheId);
  if (cached) return ok({ mac: macOf(cached), created: false, path });
  const loaded = loadSecretKey({
    env: { CROSSNET_SECRET_KEY: fromEnv },
    path: path ?? undefined,
    create: options.create,
  });
  if (!loaded.ok) {
    if (loaded.error.code === "key-missing") return ok(null);
    const message =
      loaded.error.code === "invalid-env-key"
        ? "CROSSNET_AUDIT_KEY must be base64 of exactly 32 bytes (e.g. from: openssl rand -base64 32)"
        : `audit key: ${loaded.error.message}`;
    return err({ code: "audit-key", message });
  }
  fileKeys.set(cacheId, loaded.value.key);
  return ok({ mac: macOf(loaded.value.key), created: loaded.value.created, path });
}
