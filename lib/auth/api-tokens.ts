import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { nowIso } from "../store/clock";
import type { Store } from "../store/open";
import { err, ok, type Result } from "../store/result";
import { apiTokens, users } from "../store/schema";
import { hasRole, type Role, type Session } from "./roles";
import { expiryFrom, isExpired } from "./session-policy";
import { hashToken, isTokenShaped, newToken } from "./tokens";

/** How API tokens begin, so a leaked one is recognisable (and told apart from a session id). */
export const API_TOKEN_PREFIX = "cn_";

/** Longest life of an API token: a year. Scripts get a new one rather than one that never ends. */
export const API_TOKEN_MAX_TTL_MS = 365 * 24 * 60 * 60 * 1000;

export type ApiTokenInfo = {
  id: string;
  userName: string;
  label: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export type ApiTokenError = { code: "not-found" | "bad-role" | "bad-ttl" | "bad-label"; message: string };

/**
 * Creates an API token for a user's scripts: its role is at most the user's (checked again at
 * every use, so demoting the user demotes the token), it expires, and only its hash is stored.
 * The token itself is returned this once.
 */
export function createApiToken(
  store: Store,
  input: { userId: string; label: string; role: Role; ttlMs: number },
): Result<{ token: string; info: ApiTokenInfo }, ApiTokenError> {
  const user = store.db.select().from(users).where(eq(users.id, input.userId)).get();
  if (!user) return err({ code: "not-found", message: "no such user" });
  if (!hasRole(user.role, input.role))
    return err({
      code: "bad-role",
      message: `${user.name} is ${user.role}; a token cannot have the ${input.role} role`,
    });
  if (!(input.ttlMs > 0 && input.ttlMs <= API_TOKEN_MAX_TTL_MS))
    return err({ code: "bad-ttl", message: "a token lives from 1 day to 365 days" });
  const label = input.label.trim();
  if (!/^[\p{L}\p{N} ._:@/-]{1,64}$/u.test(label))
    return err({ code: "bad-label", message: "the label is 1-64 letters, digits, spaces or . _ : @ / -" });
  const secret = newToken();
  const token = `${API_TOKEN_PREFIX}${secret}`;
  const now = store.now();
  const row = {
    id: randomUUID(),
    tokenHash: hashToken(token),
    userId: user.id,
    label,
    role: input.role,
    createdAt: now.toISOString(),
    expiresAt: expiryFrom(now, input.ttlMs),
    lastUsedAt: null,
    revokedAt: null,
  };
  store.db.insert(apiTokens).values(row).run();
  const { tokenHash: _hash, userId: _user, ...info } = row;
  return ok({ token, info: { ...info, userName: user.name } });
}

/** Every token (never the token itself), newest first, optionally one user's. */
export function listApiTokens(store: Store, userId?: string): ApiTokenInfo[] {
  return store.db
    .select({
      id: apiTokens.id,
      userName: users.name,
      label: apiTokens.label,
      role: apiTokens.role,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(userId === undefined ? undefined : eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt))
    .all();
}

/** Revokes a token by id (kept, marked revoked, for the record). */
export function revokeApiToken(store: Store, id: string): Result<{ id: string }, ApiTokenError> {
  const changed = store.db
    .update(apiTokens)
    .set({ revokedAt: nowIso(store) })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .run().changes;
  return changed === 1 ? ok({ id }) : err({ code: "not-found", message: `no live token with id ${id}` });
}

/**
 * The session an `Authorization: Bearer cn_…` header stands for: the token's user, with the lower
 * of the token's role and the user's current role. `null` for a missing, malformed, unknown,
 * revoked or expired token. Records the use.
 */
export function sessionFromBearer(store: Store, authorization: string | null | undefined): Session | null {
  const match = /^Bearer ([A-Za-z0-9_-]{1,128})$/.exec(authorization?.trim() ?? "");
  const token = match?.[1] ?? "";
  if (!token.startsWith(API_TOKEN_PREFIX) || !isTokenShaped(token.slice(API_TOKEN_PREFIX.length))) return null;
  const row = store.db
    .select({
      id: apiTokens.id,
      role: apiTokens.role,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      userId: users.id,
      userName: users.name,
      userRole: users.role,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, hashToken(token)))
    .get();
  if (!row || row.revokedAt !== null || isExpired(row.expiresAt, store.now())) return null;
  store.db
    .update(apiTokens)
    .set({ lastUsedAt: nowIso(store) })
    .where(eq(apiTokens.id, row.id))
    .run();
  return {
    userId: row.userId,
    userName: row.userName,
    role: hasRole(row.userRole, row.role) ? row.role : row.userRole,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  };
}
