"use server";

import { z } from "zod";
import { completeSetup } from "@/lib/auth/bootstrap";
import { login } from "@/lib/auth/login";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password";
import { callerAddress, checkActionOrigin, setSessionCookie } from "../_lib/session";
import { getStore } from "../_lib/store";
import type { AuthActionResult } from "../login/actions";

const SetupInput = z
  .object({
    token: z.string().min(1, "paste the setup token the server printed").max(128),
    username: z.string().min(1, "choose a user name").max(64),
    password: z.string().min(1, "choose a password").max(PASSWORD_MAX_LENGTH),
  })
  .strict();

/**
 * First start: creates the first admin with the one-time token the server printed on its console,
 * then signs them in. Public by nature, so it checks the Origin itself first; the token is the
 * credential, works once, is refused once any admin exists (before any password hashing), and
 * wrong tokens count against the caller's address.
 */
export async function setupAction(input: unknown): Promise<AuthActionResult<{ next: string }>> {
  const origin = await checkActionOrigin();
  if (!origin.ok) return { ok: false, error: { code: "bad-origin", message: origin.message } };
  const parsed = SetupInput.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      error: { code: "invalid-input", message: `${first?.path.join(".") || "input"}: ${first?.message ?? "invalid"}` },
    };
  }
  const store = getStore();
  const created = await completeSetup(store, {
    token: parsed.data.token.trim(),
    username: parsed.data.username,
    password: parsed.data.password,
    ip: await callerAddress(),
  });
  if (!created.ok) return { ok: false, error: { code: created.error.code, message: created.error.message } };
  const signedIn = await login(store, {
    username: parsed.data.username,
    password: parsed.data.password,
    ip: await callerAddress(),
  });
  if (!signedIn.ok) return { ok: true, next: "/login" };
  await setSessionCookie(signedIn.value.token, signedIn.value.expiresAt);
  return { ok: true, next: "/topologies" };
}
