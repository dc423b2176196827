import "server-only";
import { and, desc, eq, gt, lt } from "drizzle-orm";
import type { Store } from "../store/open";
import { err, ok, type Result } from "../store/result";
import { loginAttempts } from "../store/schema";
import type { SecretKey } from "../store/secret-key";
import { hashPassword, PASSWORD_MAX_LENGTH, SCRYPT_DEFAULTS, type ScryptParams, verifyPassword } from "./password";
import {
  decideLoginRate,
  LOGIN_RATE_LIMIT,
  normalizeUserName,
  type RateLimitPolicy,
  type RecentFailures,
} from "./rate-limit";
import { createSession } from "./sessions";
import { totpEnabled, verifySecondFactor } from "./totp";
import { getUserCredentials, type UserInfo } from "./users";

/** How long login attempts are kept (for the rate limit and for review). */
export const LOGIN_ATTEMPT_RETENTION_MS = 24 * 60 * 60 * 1000;

export type LoginError =
  | { code: "rate-limited"; message: string; scope: "user-ip" | "ip"; retryAfterMs: number }
  | { code: "invalid-credentials"; message: string }
  | { code: "second-factor-required"; message: string };

export type LoginSuccess = { token: string; expiresAt: string; user: UserInfo };

export type LoginOptions = {
  policy?: RateLimitPolicy;
  sessionTtlMs?: number;
  /** Parameters of the hash checked for unknown users (to take as long as a real check). */
  scrypt?: ScryptParams;
  /** How the per-user delay waits (a real timer unless a caller needs to see the delay). */
  sleep?: (ms: number) => Promise<void>;
  /** The secrets key, for users with two-factor sign-in (lib/auth/totp.ts); null when unusable. */
  secretKey?: () => SecretKey | null;
};

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const dummyHashes = new Map<string, Promise<string>>();

function dummyHash(params: ScryptParams): Promise<string> {
  const id = `${params.log2N}/${params.r}/${params.p}`;
  let hash = dummyHashes.get(id);
  if (!hash) {
    hash = hashPassword("crossnet-no-such-user", params);
    dummyHashes.set(id, hash);
  }
  return hash;
}

/** Failed attempts inside the window; for user+IP and for the user, only those after the last success. */
export function recentFailures(store: Store, name: string, ip: string, policy: RateLimitPolicy): RecentFailures {
  const since = new Date(store.now().getTime() - policy.windowMs).toISOString();
  const lastSuccess = store.db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, name), eq(loginAttempts.ip, ip), eq(loginAttempts.success, true)))
    .orderBy(desc(loginAttempts.at))
    .limit(1)
    .get();
  const userIpSince = lastSuccess && lastSuccess.at > since ? lastSuccess.at : since;
  const lastUserSuccess = store.db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, name), eq(loginAttempts.success, true)))
    .orderBy(desc(loginAttempts.at))
    .limit(1)
    .get();
  const userSince = lastUserSuccess && lastUserSuccess.at > since ? lastUserSuccess.at : since;
  const failed = (where: ReturnType<typeof and>) =>
    store.db
      .select({ at: loginAttempts.at })
      .from(loginAttempts)
      .where(where)
      .all()
      .map((row) => row.at);
  return {
    userIp: failed(
      and(
        eq(loginAttempts.username, name),
        eq(loginAttempts.ip, ip),
        eq(loginAttempts.success, false),
        gt(loginAttempts.at, userIpSince),
      ),
    ),
    ip: failed(and(eq(loginAttempts.ip, ip), eq(loginAttempts.success, false), gt(loginAttempts.at, since))),
    user: failed(
      and(eq(loginAttempts.username, name), eq(loginAttempts.success, false), gt(loginAttempts.at, userSince)),
    ),
  };
}

function retryText(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  return minutes <= 1 ? "in a minute" : `in ${minutes} minutes`;
}

/**
 * Signs a user in: checks the persisted rate limit (per user+IP and per IP block that address; per
 * user, failures from anywhere only delay the check, so no one can lock a user out), verifies the password
 * in constant time, and creates a session. The attempt is recorded as failed *before* the password
 * check and flipped to success after, so parallel guesses cannot slip past the limit. Unknown users
 * get the same error and about the same delay as a wrong password. A user with two-factor sign-in
 * also needs `code` (a TOTP or recovery code); without it the answer is `second-factor-required`.
 */
export async function login(
  store: Store,
  input: { username: string; password: string; ip: string; code?: string },
  options: LoginOptions = {},
): Promise<Result<LoginSuccess, LoginError>> {
  const policy = options.policy ?? LOGIN_RATE_LIMIT;
  const name = normalizeUserName(input.username).slice(0, 128);
  const ip = input.ip.slice(0, 64);
  const gate = store.sqlite.transaction(() => {
    const decision = decideLoginRate(recentFailures(store, name, ip, policy), store.now(), policy, ip);
    if (!decision.allowed) return { decision, attemptId: null };
    const row = store.db
      .insert(loginAttempts)
      .values({ username: name, ip, at: store.now().toISOString(), success: false })
      .returning({ id: loginAttempts.id })
      .get();
    return { decision, attemptId: row.id };
  });
  const { decision, attemptId } = gate.immediate();
  if (!decision.allowed || attemptId === null) {
    const retryAfterMs = decision.allowed ? 0 : decision.retryAfterMs;
    return err({
      code: "rate-limited",
      message: `too many failed sign-ins; try again ${retryText(retryAfterMs)}`,
      scope: decision.allowed ? "ip" : decision.scope,
      retryAfterMs,
    });
  }
  if (decision.delayMs > 0) await (options.sleep ?? realSleep)(decision.delayMs);
  const credentials = getUserCredentials(store, name);
  const stored = credentials?.passwordHash ?? (await dummyHash(options.scrypt ?? SCRYPT_DEFAULTS));
  const matches = input.password.length <= PASSWORD_MAX_LENGTH && (await verifyPassword(input.password, stored));
  if (!credentials || !matches) {
    return err({ code: "invalid-credentials", message: "wrong user name or password" });
  }
  // Two-factor (admins who enrolled): the right password alone stays a failed attempt (rate-limited).
  if (totpEnabled(store, credentials.user.id)) {
    if (!input.code)
      return err({
        code: "second-factor-required",
        message: "enter the 6-digit code from your authenticator app, or a recovery code",
      });
    const key = options.secretKey?.() ?? null;
    if (!key || !verifySecondFactor(store, key, credentials.user.id, input.code))
      return err({ code: "invalid-credentials", message: "wrong two-factor code" });
  }
  store.db.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, attemptId)).run();
  pruneLoginAttempts(store);
  const session = createSession(store, credentials.user.id, { ttlMs: options.sessionTtlMs });
  return ok({ ...session, user: credentials.user });
}

/** Deletes attempts older than {@link LOGIN_ATTEMPT_RETENTION_MS}. */
export function pruneLoginAttempts(store: Store): number {
  const before = new Date(store.now().getTime() - LOGIN_ATTEMPT_RETENTION_MS).toISOString();
  return store.db.delete(loginAttempts).where(lt(loginAttempts.at, before)).run().changes;
}
