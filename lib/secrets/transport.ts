import "server-only";
import { and, eq } from "drizzle-orm";
import type { Store } from "../store/open";
import { err, ok, type Result } from "../store/result";
import { type SecretKind, secrets } from "../store/schema";
import type { SecretKey } from "../store/secret-key";
import { SecretValue } from "./secret-value";
import { type SecretError, type SecretRef, secretAad } from "./vault";

/**
 * A decrypted credential for one host, on its way to the SSH transport. The value is a
 * {@link SecretValue}: it serialises as `[REDACTED]`, so even a credential passed by mistake to a
 * renderer or logger does not leak.
 */
export type TransportCredential = {
  host: string;
  kind: SecretKind;
  fingerprint: string;
  value: SecretValue;
};

/**
 * The only way to get a stored secret back in plaintext. Server-only, for the code that builds the
 * SSH transport's configuration (lib/exec); the dashboard and route handlers use `listSecrets`,
 * which returns metadata. A security test fails if anything under `app/` or `components/` imports
 * this module. Distinguishes "this is another master key" (`wrong-key`) from a modified row
 * (`decrypt-failed`); neither message includes secret material.
 */
export function openSecretForTransport(
  store: Store,
  key: SecretKey,
  ref: SecretRef,
): Result<TransportCredential, SecretError> {
  const row = store.db
    .select()
    .from(secrets)
    .where(and(eq(secrets.inventoryId, ref.inventoryId), eq(secrets.host, ref.host), eq(secrets.kind, ref.kind)))
    .get();
  if (!row) return err({ code: "not-found", message: `no ${ref.kind} stored for host ${ref.host}` });
  if (row.keyId !== key.id) {
    return err({
      code: "wrong-key",
      message: `the ${ref.kind} for host ${ref.host} was encrypted with another master key (${row.keyId}, current ${key.id}); set CROSSNET_SECRET_KEY or the key file to the original key, or store the secret again`,
    });
  }
  const plaintext = key.open(row, secretAad(ref));
  if (!plaintext) {
    return err({
      code: "decrypt-failed",
      message: `the stored ${ref.kind} for host ${ref.host} failed authentication (modified or moved); store it again`,
    });
  }
  const value = new SecretValue(plaintext);
  plaintext.fill(0);
  return ok({ host: row.host, kind: row.kind, fingerprint: row.fingerprint, value });
}

/**
 * The ssh2 `connect()` authentication fields for a credential. Call it at the moment of
 * connecting and do not keep the result.
 */
export function toSsh2Auth(credential: TransportCredential): { privateKey: Buffer } | { password: string } {
  const bytes = credential.value.revealForSsh();
  if (credential.kind === "private-key") return { privateKey: bytes };
  const password = bytes.toString("utf8");
  bytes.fill(0);
  return { password };
}
