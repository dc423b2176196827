import { and, eq, gt, isNull } from "drizzle-orm";
import { nowIso } from "../store/clock";
import type { Store } from "../store/open";
import { err, ok, type Result } from "../store/result";
import { loginAttempts, setupTokens } from "../store/schema";
import { recentFailures } from "./login";
import { hashPassword, type ScryptParams } from "./password";
import { decideLoginRate, LOGIN_RATE_LIMIT, type RateLimitPolicy } from "./rate-limit";
import { expiryFrom, SETUP_TOKEN_TTL_MS } from "./session-policy";
import { hashToken, isTokenShaped, newToken } from "./tokens";
import { checkNewCredentials, countAdmins, type HashOptions, insertUser, type UserError, type UserInfo } from "./users";

/** What first start should do: nothing (an admin exists) or print the one-time setup token. */
export type SetupState = { status: "ready" } | { status: "setup-required"; token: string; expiresAt: string };

export type SetupError =
  | UserError
  | { code: "setup-done"; message: string }
  | { code: "invalid-token"; message: string }
  | { code: "rate-limited"; message: string; retryAfterMs: number };

/** The name setup attempts are recorded under in the sign-in attempts (for the per-address limit). */
export const SETUP_ATTEMPT_NAME = "(setup)";

/** Options of {@link completeSetup}: the hash parameters, and the password hash function (tests count its calls). */
export type SetupOptions = HashOptions & {
  hash?: (password: string, params?: ScryptParams) => Promise<string>;
  policy?: RateLimitPolicy;
};

/**
 * Called at every start. While no admin exists, issues a fresh one-time setup token (replacing any
 * unused one, whose plaintext is gone: only its hash was stored) for the caller to print on the
 * console; anyone who can read that console owns the first admin account. Once an admin exists,
 * removes leftover tokens and returns `ready`.
 */
export function ensureSetupToken(store: Store, options: { ttlMs?: number } = {}): SetupState {
  const issue = store.sqlite.transaction((): SetupState => {
    if (countAdmins(store) > 0) {
      store.db.delete(setupTokens).where(isNull(setupTokens.consumedAt)).run();
      return { status: "ready" };
    }
    store.db.delete(setupTokens).where(isNull(setupTokens.consumedAt)).run();
    const now = store.now();
    const token = newToken();
    const expiresAt = expiryFrom(now, options.ttlMs ?? SETUP_TOKEN_TTL_MS);
    store.db
      .insert(setupTokens)
      .values({ tokenHash: hashToken(token), createdAt: now.toISOString(), expiresAt })
      .run();
    return { status: "setup-required", token, expiresAt };
  });
  return issue.immediate();
}

/**
 * Creates the first admin with the setup token printed at start. The token works once: it is
 * marked consumed in the same transaction that creates the admin, and setup is refused once any
 * admin exists. Everything cheap comes first (is setup done? is the address over its limit? does
 * the token match a live one?), so the expensive password hash only ever runs for the holder of
 * the token: a finished setup costs an unauthenticated caller one indexed query. With `ip`, wrong
 * tokens count against that address like failed sign-ins.
 */
export async function completeSetup(
  store: Store,
  input: { token: string; username: string; password: string; ip?: string },
  options: SetupOptions = {},
): Promise<Result<UserInfo, SetupError>> {
  const invalid: SetupError = {
    code: "invalid-token",
    message: "the setup token is wrong, used or expired; restart Crossnet for a new one",
  };
  if (countAdmins(store) > 0) return err({ code: "setup-done", message: "an admin already exists; sign in instead" });
  const policy = options.policy ?? LOGIN_RATE_LIMIT;
  if (input.ip !== undefined) {
    const decision = decideLoginRate(
      recentFailures(store, SETUP_ATTEMPT_NAME, input.ip, policy),
      store.now(),
      policy,
      input.ip,
    );
    if (!decision.allowed)
      return err({
        code: "rate-limited",
        message: "too many wrong setup tokens from this address; try again later",
        retryAfterMs: decision.retryAfterMs,
      });
  }
  const at = nowIso(store);
  const live =
    isTokenShaped(input.token) &&
    store.db
      .select({ tokenHash: setupTokens.tokenHash })
      .from(setupTokens)
      .where(
        and(
          eq(setupTokens.tokenHash, hashToken(input.token)),
          isNull(setupTokens.consumedAt),
          gt(setupTokens.expiresAt, at),
        ),
      )
      .get() !== undefined;
  if (!live) {
    if (input.ip !== undefined)
      store.db
        .insert(loginAttempts)
        .values({ username: SETUP_ATTEMPT_NAME, ip: input.ip.slice(0, 64), at, success: false })
        .run();
    return err(invalid);
  }
  const checked = checkNewCredentials(input.username, input.password);
  if (!checked.ok) return checked;
  const passwordHash = await (options.hash ?? hashPassword)(input.password, options.scrypt);
  const finish = store.sqlite.transaction((): Result<UserInfo, SetupError> => {
    if (countAdmins(store) > 0) return err({ code: "setup-done", message: "an admin already exists; sign in instead" });
    const at = nowIso(store);
    const consumed = store.db
      .update(setupTokens)
      .set({ consumedAt: at })
      .where(
        and(
          eq(setupTokens.tokenHash, hashToken(input.token)),
          isNull(setupTokens.consumedAt),
          gt(setupTokens.expiresAt, at),
        ),
      )
      .run();
    if (consumed.changes !== 1) return err(invalid);
    const user = insertUser(store, { name: input.username, role: "admin", passwordHash });
    if (!user.ok) throw new SetupRollback(user.error);
    return ok(user.value);
  });
  try {
    return finish.immediate();
  } catch (error) {
    if (error instanceof SetupRollback) return err(error.reason);
    throw error;
  }
}

/** Thrown inside the setup transaction to undo the token consumption when the user cannot be created. */
class SetupRollback extends Error {
  constructor(readonly reason: UserError) {
    super(reason.message);
  }
}
