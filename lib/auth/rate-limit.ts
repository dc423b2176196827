import { UNKNOWN_ADDRESS } from "./peer-address";

/**
 * Login throttling. Per user+address and per address, failures inside the window block that
 * address (an attacker's own address, so blocking it locks nobody else out). Per user, across
 * every address, failures only slow: past `userFreeFailures`, each attempt on that user waits an
 * exponential delay before its password is checked, but is never refused, so nobody can lock a
 * user out by guessing from many addresses.
 */
export type RateLimitPolicy = {
  windowMs: number;
  maxPerUserIp: number;
  maxPerIp: number;
  /** Failures on one user (any address) before attempts on it are slowed. */
  userFreeFailures: number;
  /** The first delay; it doubles per further failure up to `userDelayMaxMs`. */
  userDelayBaseMs: number;
  userDelayMaxMs: number;
};

/** 5 failures per user and address, 50 per address, in 15 minutes; a user's 6th failure on slows by 0.5 s doubling to 8 s. */
export const LOGIN_RATE_LIMIT: RateLimitPolicy = {
  windowMs: 15 * 60 * 1000,
  maxPerUserIp: 5,
  maxPerIp: 50,
  userFreeFailures: 5,
  userDelayBaseMs: 500,
  userDelayMaxMs: 8_000,
};

export type RateDecision =
  | { allowed: true; delayMs: number }
  | { allowed: false; scope: "user-ip" | "ip"; retryAfterMs: number };

/**
 * Failed attempts (ISO timestamps, any order) already inside the window: for this user from this
 * address, from this address under any name, and for this user from any address.
 */
export type RecentFailures = { userIp: readonly string[]; ip: readonly string[]; user: readonly string[] };

function blockedFor(failures: readonly string[], max: number, now: Date, windowMs: number): number | null {
  if (failures.length < max) return null;
  const times = failures.map((at) => Date.parse(at)).sort((a, b) => a - b);
  const expiring = times[times.length - max] ?? now.getTime();
  return Math.max(1, expiring + windowMs - now.getTime());
}

/** The delay for a user with `failures` recent failures from anywhere: 0 up to the free count, then doubling. */
export function userDelayMs(failures: number, policy: RateLimitPolicy = LOGIN_RATE_LIMIT): number {
  const over = failures - policy.userFreeFailures;
  if (over < 0) return 0;
  return Math.min(policy.userDelayMaxMs, policy.userDelayBaseMs * 2 ** Math.min(over, 30));
}

/**
 * Whether a login attempt may proceed, and how long it waits first. Pure: the caller passes the
 * failures inside the window. When blocked, `retryAfterMs` is how long until enough failures leave
 * the window. The address scopes block only a known address: from `"unknown"` (a server not
 * started by `crossnet serve`, where every client shares that key) blocking would lock everyone
 * out, so only the per-user delay applies.
 */
export function decideLoginRate(
  failures: RecentFailures,
  now: Date,
  policy: RateLimitPolicy = LOGIN_RATE_LIMIT,
  address = "",
): RateDecision {
  if (address !== UNKNOWN_ADDRESS) {
    const userIp = blockedFor(failures.userIp, policy.maxPerUserIp, now, policy.windowMs);
    if (userIp !== null) return { allowed: false, scope: "user-ip", retryAfterMs: userIp };
    const ip = blockedFor(failures.ip, policy.maxPerIp, now, policy.windowMs);
    if (ip !== null) return { allowed: false, scope: "ip", retryAfterMs: ip };
  }
  return { allowed: true, delayMs: userDelayMs(failures.user.length, policy) };
}

/** The user name as rate-limited and looked up: trimmed and lower-cased (names are case-insensitive). */
export function normalizeUserName(name: string): string {
  return name.trim().toLowerCase();
}
