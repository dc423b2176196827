"use server";

import { z } from "zod";
import { changeOwnPassword, revokeListedSession, revokeOwnApiToken } from "@/lib/auth/account";
import { type ApiTokenInfo, createApiToken } from "@/lib/auth/api-tokens";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password";
import { ROLE_ORDER } from "@/lib/auth/roles";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/auth/totp";
import { type QrSvg, qrSvg } from "@/lib/auth/totp-qr";
import { type ActionResult, defineAction } from "../_lib/action";
import { dashboardSecretKey } from "../_lib/secret-key";
import { clearSessionCookie } from "../_lib/session";

const DAY_MS = 24 * 60 * 60 * 1000;

const CreateToken = z
  .object({
    label: z.string().min(1, "give the token a label").max(64),
    role: z.enum(ROLE_ORDER as ["viewer", "operator", "admin"]),
    days: z.coerce.number().int("whole days").min(1, "at least 1 day").max(365, "at most 365 days"),
  })
  .strict();

/**
 * A new API token for the caller's own scripts: its role at most the caller's, an expiry, shown this
 * once (only its hash is kept).
 */
export const createTokenAction = defineAction(
  CreateToken,
  "viewer",
  (input, { session, store }): ActionResult<{ token: string; info: ApiTokenInfo }> => {
    const created = createApiToken(store, {
      userId: session.userId,
      label: input.label,
      role: input.role,
      ttlMs: input.days * DAY_MS,
    });
    if (!created.ok) return { ok: false, error: created.error };
    return { ok: true, ...created.value };
  },
);

const ById = z.object({ id: z.string().min(1).max(64) }).strict();

/** Revokes one of the caller's API tokens (an admin's: anyone's). */
export const revokeTokenAction = defineAction(ById, "viewer", (input, { session, store }): ActionResult => {
  const revoked = revokeOwnApiToken(store, session, input.id);
  return revoked.ok ? { ok: true } : { ok: false, error: revoked.error };
});

/** Ends one of the caller's sessions by its listed id (an admin's: anyone's). */
export const revokeSessionAction = defineAction(ById, "viewer", (input, { session, store }): ActionResult => {
  const revoked = revokeListedSession(store, session, input.id);
  return revoked.ok ? { ok: true } : { ok: false, error: revoked.error };
});

const ChangePassword = z
  .object({
    current: z.string().min(1, "enter your current password").max(PASSWORD_MAX_LENGTH),
    next: z.string().min(1, "enter a new password").max(PASSWORD_MAX_LENGTH),
  })
  .strict();

/** Changes the caller's password (the current one first); every session ends, so they sign in again. */
export const changePasswordAction = defineAction(
  ChangePassword,
  "viewer",
  async (input, { session, store }): Promise<ActionResult> => {
    const changed = await changeOwnPassword(store, session, input);
    if (!changed.ok) return { ok: false, error: changed.error };
    await clearSessionCookie();
    return { ok: true };
  },
);

const NoInput = z.object({}).strict();

/**
 * Starts two-factor enrolment for the calling admin: the secret, its otpauth URI and that URI's QR
 * code (drawn on the server, so no QR script reaches the browser), shown this once.
 */
export const startTotpAction = defineAction(
  NoInput,
  "admin",
  (_input, { session, store }): ActionResult<{ secret: string; uri: string; qr: QrSvg }> => {
    const key = dashboardSecretKey();
    if (!key) return { ok: false, error: { code: "key-unusable", message: "the secrets key cannot be loaded" } };
    const started = startTotpEnrolment(store, key, { id: session.userId, name: session.userName });
    return started.ok
      ? { ok: true, ...started.value, qr: qrSvg(started.value.uri) }
      : { ok: false, error: started.error };
  },
);

const CodeInput = z.object({ code: z.string().min(1, "enter the code from your app").max(16) }).strict();

/** Confirms the enrolment with a first code: two-factor sign-in is on; the recovery codes, shown this once. */
export const confirmTotpAction = defineAction(
  CodeInput,
  "admin",
  (input, { session, store }): ActionResult<{ recoveryCodes: string[] }> => {
    const key = dashboardSecretKey();
    if (!key) return { ok: false, error: { code: "key-unusable", message: "the secrets key cannot be loaded" } };
    const confirmed = confirmTotpEnrolment(store, key, session.userId, input.code);
    return confirmed.ok ? { ok: true, ...confirmed.value } : { ok: false, error: confirmed.error };
  },
);
