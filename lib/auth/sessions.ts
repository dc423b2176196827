import "server-only";
import { eq, lte } from "drizzle-orm";
import { nowIso } from "../store/clock";
import type { Store } from "../store/open";
import { err, ok, type Result } from "../store/result";
import { sessions, users } from "../store/schema";
import { type AuthzError, type Role, requireRole, type Session } from "./roles";
import { expiryFrom, isExpired, SESSION_TTL_MS } from "./session-policy";
import { hashToken, isTokenShaped, newToken } from "./tokens";

export type SessionError = { code: "no-session" | "expired"; message: string };

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

/** The session a token belongs to, with the user's current name and role; expired sessions are deleted. */
export function getSession(store: Store, token: string | null | undefined): Result<Session, SessionError> {
  if (!token || !isTokenShaped(token)) return err({ code: "no-session", message: "no valid session" });
  const idHash = hashToken(token);
  const row = store.db
    .select({
      userId: users.id,
      userName: users.name,
      role: users.role,
      createdAt: sessions.createdAt,
      expiresAt: sessions.expiresAt,
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
  return ok(row);
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
