"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { login } from "@/lib/auth/login";
import { safeNextPath } from "@/lib/auth/next-path";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password";
import { revokeSession } from "@/lib/auth/sessions";
import { type ActionResult, definePublicAction } from "../_lib/action";
import { dashboardSecretKey } from "../_lib/secret-key";
import { callerAddress, clearSessionCookie, requireUser, sessionToken, setSessionCookie } from "../_lib/session";

const LoginInput = z
  .object({
    username: z.string().min(1, "enter your user name").max(128),
    password: z.string().min(1, "enter your password").max(PASSWORD_MAX_LENGTH),
    next: z.string().max(2048).optional(),
    code: z.string().max(32).optional(),
  })
  .strict();

/**
 * Signs in: public by nature (no session yet), so it checks the Origin itself, then lib/auth's
 * rate-limited `login`. The session goes to the browser only as an HttpOnly SameSite=Strict cookie.
 */
export const loginAction = definePublicAction(
  LoginInput,
  async (input, { store }): Promise<ActionResult<{ next: string }>> => {
    const result = await login(
      store,
      {
        username: input.username,
        password: input.password,
        ip: await callerAddress(),
        ...(input.code ? { code: input.code } : {}),
      },
      { secretKey: dashboardSecretKey },
    );
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
    return { ok: true, next: safeNextPath(input.next) };
  },
);

/**
 * Signs out: ends the session in the database (not only the cookie) and goes to the sign-in page.
 * Public (definePublicAction) because it must clear the cookie even when the session is no longer
 * valid; the wrapper checks the Origin first, so a cross-site page cannot sign a browser out.
 */
export const logoutAction = definePublicAction(z.unknown(), async (_form, { store }) => {
  const session = await requireUser("viewer");
  const token = await sessionToken();
  if (session.ok && token) revokeSession(store, token);
  await clearSessionCookie();
  redirect("/login");
});
