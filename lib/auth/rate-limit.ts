/** Login throttling: failed attempts allowed per window, per user+IP and per IP (against spraying many names). */
import "server-only";
export type RateLimitPolicy = { windowMs: number; maxPerUserIp: number; maxPerIp: number };

/** 5 failures per user and IP, 50 per IP, in 15 minutes. */
export const LOGIN_RATE_LIMIT: RateLimitPolicy = { windowMs: 15 * 60 * 1000, maxPerUserIp: 5, maxPerIp: 50 };

export type RateDecision = { allowed: true } | { allowed: false; scope: "user-ip" | "ip"; retryAfterMs: number };

/** Failed attempts (ISO timestamps, any order) already inside the window, for both scopes. */
export type RecentFailures = { userIp: readonly string[]; ip: readonly string[] };

function blockedFor(failures: readonly string[], max: number, now: Date, windowMs: number): number | null {
  if (failures.length < max) return null;
  const times = failures.map((at) => Date.parse(at)).sort((a, b) => a - b);
  const expiring = times[times.length - max] ?? now.getTime();
  return Math.max(1, expiring + windowMs - now.getTime());
}

/**
 * Whether a login attempt may proceed. Pure: the caller passes the failures inside the window.
 * When blocked, `retryAfterMs` is how long until enough failures leave the window.
 */
export function decideLoginRate(
  failures: RecentFailures,
  now: Date,
  policy: RateLimitPolicy = LOGIN_RATE_LIMIT,
): RateDecision {
  const userIp = blockedFor(failures.userIp, policy.maxPerUserIp, now, policy.windowMs);
  if (userIp !== null) return { allowed: false, scope: "user-ip", retryAfterMs: userIp };
  const ip = blockedFor(failures.ip, policy.maxPerIp, now, policy.windowMs);
  if (ip !== null) return { allowed: false, scope: "ip", retryAfterMs: ip };
  return { allowed: true };
}

/** The user name as rate-limited and looked up: trimmed and lower-cased (names are case-insensitive). */
export function normalizeUserName(name: string): string {
  return name.trim().toLowerCase();
}
