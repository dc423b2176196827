"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { login } from "@/lib/auth/login";
import { safeNextPath } from "@/lib/auth/next-path";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password";
import { revokeSession } from "@/lib/auth/sessions";
import {
  callerAddress,
  checkActionOrigin,
  clearSessionCookie,
  requireUser,
  sessionToken,
  setSessionCookie,
} from "../_lib/session";
import { getStore } from "../_lib/store";

export type AuthActionError = { code: string; message: string; retryAfterMs?: number };
export type AuthActionResult<T> = ({ ok: true } & T) | { ok: false; error: AuthActionError };

const LoginInput = z
  .object({
    username: z.string().min(1, "enter your user name").max(128),
    password: z.string().min(1, "enter your password").max(PASSWORD_MAX_LENGTH),
    next: z.string().max(2048).optional(),
  })
  .strict();

/**
 * Signs in: public by nature (no session yet), so it checks the Origin itself, then lib/auth's
 * rate-limited `login`. The session goes to the browser only as an HttpOnly SameSite=Strict cookie.
 */
export async function loginAction(input: unknown): Promise<AuthActionResult<{ next: string }>> {
  const origin = await checkActionOrigin();
  if (!origin.ok) return { ok: false, error: { code: "bad-origin", message: origin.message } };
  const parsed = LoginInput.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, error: { code: "invalid-input", message: first?.message ?? "invalid input" } };
  }
  const result = await login(getStore(), {
    username: parsed.data.username,
    password: parsed.data.password,
    ip: await callerAddress(),
  });
  if (!result.ok) {
    const { code, message } = result.error;
    return {
      ok: false,
      error: {
        code,
        message,
        ...(result.error.code === "rate-limited" && { retryAfterMs: result.error.retryAfterMs }),
      },
    };
  }
  await setSessionCookie(result.value.token, result.value.expiresAt);
  return { ok: true, next: safeNextPath(parsed.data.next) };
}

/** Signs out: ends the session in the database (not only the cookie) and goes to the sign-in page. */
export async function logoutAction(): Promise<void> {
  const session = await requireUser("viewer");
  const token = await sessionToken();
  if (session.ok && token) revokeSession(getStore(), token);
  if (session.ok || session.error.code !== "bad-origin") await clearSessionCookie();
  redirect("/login");
}
