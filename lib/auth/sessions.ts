import { eq, lte } from "drizzle-orm";
import { nowIso } from "../store/clock";
import type { Store } from "../store/open";
import { err, ok, type Result } from "../store/result";
import { sessions, users } from "../store/schema";
import { type AuthzError, type Role, requireRole, type Session } from "./roles";
import { expiryFrom, isExpired, SESSION_IDLE_MS, SESSION_TOUCH_MS, SESSION_TTL_MS } from "./session-policy";
import { hashToken, isTokenShaped, newToken } from "./tokens";

export type SessionError = { code: "no-session" | "expired" | "idle"; message: string };

/**
 * Starts a session for a user: a random 32-byte token goes to the browser (cookie), only its
 * SHA-256 is stored. Expired sessions are pruned on the way.
 */
export function createSession(
  store: Store,
  userId: string,
  options: { ttlMs?: number } = {},
): { token: string; expiresAt: string } {
  const now = store.now();
  const token = newToken();
  const expiresAt = expiryFrom(now, options.ttlMs ?? SESSION_TTL_MS);
  pruneExpiredSessions(store);
  store.db
    .insert(sessions)
    .values({ idHash: hashToken(token), userId, createdAt: now.toISOString(), expiresAt })
    .run();
  return { token, expiresAt };
}

/**
 * The session a token belongs to, with the user's current name and role. Expired sessions, and
 * sessions unused for {@link SESSION_IDLE_MS}, are deleted; a live one records its use (at most
 * once a minute).
 */
export function getSession(
  store: Store,
  token: string | null | undefined,
  options: { idleMs?: number } = {},
): Result<Session, SessionError> {
  if (!token || !isTokenShaped(token)) return err({ code: "no-session", message: "no valid session" });
  const idHash = hashToken(token);
  const row = store.db
    .select({
      userId: users.id,
      userName: users.name,
      role: users.role,
      createdAt: sessions.createdAt,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.idHash, idHash))
    .get();
  if (!row) return err({ code: "no-session", message: "no valid session" });
  if (isExpired(row.expiresAt, store.now())) {
    store.db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
    return err({ code: "expired", message: "the session expired; sign in again" });
  }
  const now = store.now();
  const lastSeen = Date.parse(row.lastSeenAt ?? row.createdAt);
  if (!(lastSeen + (options.idleMs ?? SESSION_IDLE_MS) > now.getTime())) {
    store.db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
    return err({ code: "idle", message: "the session ended after a period without use; sign in again" });
  }
  if (now.getTime() - lastSeen >= SESSION_TOUCH_MS)
    store.db.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.idHash, idHash)).run();
  const { lastSeenAt: _lastSeen, ...session } = row;
  return ok(session);
}

/** One session as listed to an admin: never its token, only an id prefix of its hash. */
export type SessionInfo = { id: string; userName: string; createdAt: string; lastSeenAt: string; expiresAt: string };

/** Live sessions, newest first, optionally of one user (for `crossnet users sessions`). */
export function listSessions(store: Store, userId?: string): SessionInfo[] {
  pruneExpiredSessions(store);
  return store.db
    .select({
      idHash: sessions.idHash,
      userName: users.name,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(userId === undefined ? undefined : eq(sessions.userId, userId))
    .all()
    .map((row) => ({
      id: row.idHash.slice(0, 12),
      userName: row.userName,
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt ?? row.createdAt,
      expiresAt: row.expiresAt,
    }))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/**
 * Resolves the session from a token and checks the role in one call: what each server action and
 * route handler starts with.
 */
export function authorize(store: Store, token: string | null | undefined, required: Role): Result<Session, AuthzError> {
  const session = getSession(store, token);
  return requireRole(session.ok ? session.value : null, required);
}

/** Ends one session (sign out). Unknown tokens are ignored. */
export function revokeSession(store: Store, token: string): void {
  if (isTokenShaped(token))
    store.db
      .delete(sessions)
      .where(eq(sessions.idHash, hashToken(token)))
      .run();
}

/** Ends every session of a user. Returns how many were ended. */
export function revokeUserSessions(store: Store, userId: string): number {
  return store.db.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
}

/** Deletes sessions that have expired. Returns how many. */
export function pruneExpiredSessions(store: Store): number {
  return store.db
    .delete(sessions)
    .where(lte(sessions.expiresAt, nowIso(store)))
    .run().changes;
}
