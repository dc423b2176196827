import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import type { Store } from "../store/open";
import { err, ok, type Result } from "../store/result";
import { userRecoveryCodes, userTotp } from "../store/schema";
import type { SecretKey } from "../store/secret-key";
import { hashToken } from "./tokens";

/**
 * TOTP two-factor sign-in for admins (RFC 6238: SHA-1, 6 digits, 30 s, as every authenticator app
 * reads it), with the `otpauth` library. The secret is sealed with the secrets key (never stored in
 * clear), shown once at enrolment, and takes effect only when a first code confirms it. A code is
 * accepted one step early or late (clock drift), and never twice: the last step accepted is kept.
 * Ten one-time recovery codes are shown once and stored as SHA-256 (random, 40 bits each; sign-in is rate-limited).
 */

export const TOTP_ISSUER = "Crossnet";
const PERIOD_S = 30;
const RECOVERY_CODES = 10;

export type TotpError = { code: "already-enabled" | "no-enrolment" | "wrong-code" | "key-unusable"; message: string };

const aad = (userId: string) => `crossnet-totp-v1\0${userId}`;

function totpFor(secret: Secret, userName: string): TOTP {
  return new TOTP({ issuer: TOTP_ISSUER, label: userName, algorithm: "SHA1", digits: 6, period: PERIOD_S, secret });
}

/** Whether the user signs in with a second factor (an enrolment that a code confirmed). */
export function totpEnabled(store: Store, userId: string): boolean {
  const row = store.db.select({ at: userTotp.enabledAt }).from(userTotp).where(eq(userTotp.userId, userId)).get();
  return Boolean(row?.at);
}

/**
 * Starts (or restarts) an enrolment: a new 160-bit secret, sealed and pending. Returns it this once,
 * as base32 and as the `otpauth://` URI an authenticator app reads. Refused while one is enabled.
 */
export function startTotpEnrolment(
  store: Store,
  key: SecretKey,
  user: { id: string; name: string },
): Result<{ secret: string; uri: string }, TotpError> {
  if (totpEnabled(store, user.id))
    return err({ code: "already-enabled", message: "two-factor sign-in is already on for this user" });
  const secret = new Secret({ size: 20 });
  const sealed = key.seal(Buffer.from(secret.bytes), aad(user.id));
  const row = { ...sealed, keyId: key.id, enabledAt: null, lastStep: null, createdAt: store.now().toISOString() };
  store.db
    .insert(userTotp)
    .values({ userId: user.id, ...row })
    .onConflictDoUpdate({ target: userTotp.userId, set: row })
    .run();
  return ok({ secret: secret.base32, uri: totpFor(secret, user.name).toString() });
}

/** The step a valid code stands for, if it is valid now and newer than the last one accepted. */
function acceptCode(
  store: Store,
  key: SecretKey,
  userId: string,
  code: string,
): { step: number } | { error: TotpError } {
  const row = store.db.select().from(userTotp).where(eq(userTotp.userId, userId)).get();
  if (!row) return { error: { code: "no-enrolment", message: "no two-factor enrolment for this user" } };
  const bytes = key.open({ ciphertext: row.ciphertext, iv: row.iv, tag: row.tag }, aad(userId));
  if (!bytes)
    return { error: { code: "key-unusable", message: "the two-factor secret cannot be opened with this key" } };
  if (!/^\d{6}$/.test(code)) return { error: { code: "wrong-code", message: "the code is not right" } };
  const now = store.now().getTime();
  const delta = totpFor(new Secret({ buffer: new Uint8Array(bytes).buffer }), "x").validate({
    token: code,
    timestamp: now,
    window: 1,
  });
  if (delta === null) return { error: { code: "wrong-code", message: "the code is not right" } };
  const step = Math.floor(now / 1000 / PERIOD_S) + delta;
  if (row.lastStep !== null && step <= row.lastStep)
    return { error: { code: "wrong-code", message: "that code was already used: wait for the next one" } };
  return { step };
}

/**
 * Confirms a pending enrolment with a first code: two-factor sign-in is on from now, and the ten
 * recovery codes are returned this once (any earlier ones are replaced).
 */
export function confirmTotpEnrolment(
  store: Store,
  key: SecretKey,
  userId: string,
  code: string,
): Result<{ recoveryCodes: string[] }, TotpError> {
  if (totpEnabled(store, userId))
    return err({ code: "already-enabled", message: "two-factor sign-in is already on for this user" });
  const accepted = acceptCode(store, key, userId, code.trim());
  if ("error" in accepted) return err(accepted.error);
  const recoveryCodes = Array.from({ length: RECOVERY_CODES }, () => {
    const raw = randomBytes(7).toString("hex").slice(0, 10);
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  store.sqlite.transaction(() => {
    store.db
      .update(userTotp)
      .set({ enabledAt: store.now().toISOString(), lastStep: accepted.step })
      .where(eq(userTotp.userId, userId))
      .run();
    store.db.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId)).run();
    for (const recovery of recoveryCodes)
      store.db
        .insert(userRecoveryCodes)
        .values({ userId, codeHash: hashToken(normalizeRecovery(recovery)) })
        .run();
  })();
  return ok({ recoveryCodes });
}

function normalizeRecovery(code: string): string {
  return code.toLowerCase().replace(/[^0-9a-f]/g, "");
}

/**
 * The second factor at sign-in: a current TOTP code (once only), or an unused recovery code (then
 * spent). `false` for anything else.
 */
export function verifySecondFactor(store: Store, key: SecretKey, userId: string, code: string): boolean {
  const trimmed = code.trim();
  if (/^\d{6}$/.test(trimmed)) {
    const accepted = acceptCode(store, key, userId, trimmed);
    if ("error" in accepted) return false;
    store.db.update(userTotp).set({ lastStep: accepted.step }).where(eq(userTotp.userId, userId)).run();
    return true;
  }
  const normalized = normalizeRecovery(trimmed);
  if (normalized.length !== 10) return false;
  const spent = store.db
    .update(userRecoveryCodes)
    .set({ usedAt: store.now().toISOString() })
    .where(
      and(
        eq(userRecoveryCodes.userId, userId),
        eq(userRecoveryCodes.codeHash, hashToken(normalized)),
        isNull(userRecoveryCodes.usedAt),
      ),
    )
    .run().changes;
  return spent === 1;
}

/** Turns two-factor sign-in off for a user (e.g. `crossnet users reset` after a lost phone). */
export function disableTotp(store: Store, userId: string): void {
  store.sqlite.transaction(() => {
    store.db.delete(userTotp).where(eq(userTotp.userId, userId)).run();
    store.db.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId)).run();
  })();
}
