import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { newId, nowIso } from "../store/clock";
import type { Store } from "../store/open";
import { err, ok, type Result } from "../store/result";
import { type SecretKind, secrets } from "../store/schema";
import type { SecretKey } from "../store/secret-key";
import { type FingerprintError, fingerprintPassword, fingerprintPrivateKey } from "./fingerprint";

/**
 * What callers (and the browser) may know about a stored secret: never the plaintext, never the
 * ciphertext. Safe to render and to return from server actions.
 */
export type SecretInfo = {
  id: string;
  inventoryId: string;
  host: string;
  kind: SecretKind;
  fingerprint: string;
  createdAt: string;
  updatedAt: string;
};

/** Which secret: one per inventory, host and kind. */
export type SecretRef = { inventoryId: string; host: string; kind: SecretKind };

export type SecretError =
  | FingerprintError
  | { code: "unknown-inventory"; message: string; inventoryId: string }
  | { code: "not-found"; message: string }
  | { code: "wrong-key"; message: string }
  | { code: "decrypt-failed"; message: string };

/**
 * Additional authenticated data of a secret row: a ciphertext copied onto another host's row (or
 * kind) fails to decrypt instead of logging in somewhere it was not meant for.
 */
export function secretAad(ref: SecretRef): string {
  return `crossnet-secret-v1\0${ref.inventoryId}\0${ref.host}\0${ref.kind}`;
}

const infoColumns = {
  id: secrets.id,
  inventoryId: secrets.inventoryId,
  host: secrets.host,
  kind: secrets.kind,
  fingerprint: secrets.fingerprint,
  createdAt: secrets.createdAt,
  updatedAt: secrets.updatedAt,
};

/**
 * Encrypts and stores (or replaces) the private key or password of a host in an inventory, and
 * returns its metadata only. The plaintext is validated first (a private key must be usable by the
 * SSH transport) and is not kept or echoed anywhere, including error messages.
 */
export function putSecret(
  store: Store,
  key: SecretKey,
  input: SecretRef & { plaintext: string | Buffer },
): Result<SecretInfo, SecretError> {
  const plaintext = typeof input.plaintext === "string" ? Buffer.from(input.plaintext, "utf8") : input.plaintext;
  const ref: SecretRef = { inventoryId: input.inventoryId, host: input.host, kind: input.kind };
  const fingerprint =
    ref.kind === "private-key" ? fingerprintPrivateKey(plaintext) : fingerprintPassword(key, plaintext);
  if (!fingerprint.ok) return fingerprint;
  const sealed = key.seal(plaintext, secretAad(ref));
  const at = nowIso(store);
  try {
    store.db
      .insert(secrets)
      .values({
        id: newId(),
        ...ref,
        ...sealed,
        keyId: key.id,
        fingerprint: fingerprint.value,
        createdAt: at,
        updatedAt: at,
      })
      .onConflictDoUpdate({
        target: [secrets.inventoryId, secrets.host, secrets.kind],
        set: { ...sealed, keyId: key.id, fingerprint: fingerprint.value, updatedAt: at },
      })
      .run();
  } catch (error) {
    if ((error as { code?: unknown }).code === "SQLITE_CONSTRAINT_FOREIGNKEY") {
      return err({
        code: "unknown-inventory",
        message: `no inventory with id ${ref.inventoryId}`,
        inventoryId: ref.inventoryId,
      });
    }
    throw error;
  }
  const info = getSecretInfo(store, ref);
  return info ? ok(info) : err({ code: "not-found", message: "secret vanished while being stored" });
}

/** Metadata of one secret, or `null`. */
export function getSecretInfo(store: Store, ref: SecretRef): SecretInfo | null {
  return (
    store.db
      .select(infoColumns)
      .from(secrets)
      .where(and(eq(secrets.inventoryId, ref.inventoryId), eq(secrets.host, ref.host), eq(secrets.kind, ref.kind)))
      .get() ?? null
  );
}

/** Metadata of every secret of an inventory, sorted by host then kind. */
export function listSecrets(store: Store, inventoryId: string): SecretInfo[] {
  return store.db
    .select(infoColumns)
    .from(secrets)
    .where(eq(secrets.inventoryId, inventoryId))
    .orderBy(asc(secrets.host), asc(secrets.kind))
    .all();
}

/** Deletes one secret. */
export function deleteSecret(store: Store, ref: SecretRef): Result<{ deleted: true }, SecretError> {
  const result = store.db
    .delete(secrets)
    .where(and(eq(secrets.inventoryId, ref.inventoryId), eq(secrets.host, ref.host), eq(secrets.kind, ref.kind)))
    .run();
  return result.changes === 0
    ? err({ code: "not-found", message: `no ${ref.kind} stored for host ${ref.host}` })
    : ok({ deleted: true });
}
