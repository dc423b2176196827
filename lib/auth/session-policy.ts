/** How long a session lasts from sign-in (absolute, not sliding): one working day. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** A session unused this long ends, whatever its expiry: an unattended signed-in browser is closed. */
export const SESSION_IDLE_MS = 60 * 60 * 1000;

/** `last_seen_at` is written at most this often per session (not on every request). */
export const SESSION_TOUCH_MS = 60 * 1000;

/** How long a setup token printed at first start stays valid. */
export const SETUP_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/** The expiry of something created at `now` that lives `ttlMs`, as ISO text. */
export function expiryFrom(now: Date, ttlMs: number): string {
  return new Date(now.getTime() + ttlMs).toISOString();
}

/** True when `expiresAt` (ISO text) is at or before `now`. An unparsable expiry counts as expired. */
export function isExpired(expiresAt: string, now: Date): boolean {
  const at = Date.parse(expiresAt);
  return Number.isNaN(at) || at <= now.getTime();
}
