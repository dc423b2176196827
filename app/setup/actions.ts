"use server";

import { z } from "zod";
import { completeSetup } from "@/lib/auth/bootstrap";
import { login } from "@/lib/auth/login";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password";
import { type ActionResult, definePublicAction } from "../_lib/action";
import { callerAddress, setSessionCookie } from "../_lib/session";

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
export const setupAction = definePublicAction(
  SetupInput,
  async (input, { store }): Promise<ActionResult<{ next: string }>> => {
    const created = await completeSetup(store, {
      token: input.token.trim(),
      username: input.username,
      password: input.password,
      ip: await callerAddress(),
    });
    if (!created.ok) return { ok: false, error: { code: created.error.code, message: created.error.message } };
    const signedIn = await login(store, {
      username: input.username,
      password: input.password,
      ip: await callerAddress(),
    });
    if (!signedIn.ok) return { ok: true, next: "/login" };
    await setSessionCookie(signedIn.value.token, signedIn.value.expiresAt);
    return { ok: true, next: "/topologies" };
  },
);
