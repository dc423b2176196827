import "server-only";
import { and, eq, like } from "drizzle-orm";
import type { Store } from "../store/open";
import { err, ok, type Result } from "../store/result";
import { apiTokens, sessions } from "../store/schema";
import { revokeApiToken } from "./api-tokens";
import { verifyPassword } from "./password";
import type { Session } from "./roles";
import { hashToken } from "./tokens";
import { getUserCredentials, type HashOptions, setUserPassword, type UserError } from "./users";

/**
 * What a signed-in user does to their own account from the dashboard (the CLI's `crossnet users`
 * counterparts act as the local operator instead): end a session, revoke an API token, change the
 * password. Each acts on the caller's own rows only, an admin's on anyone's: a listed id from another
 * user is "not found", never a hint that it exists.
 */

export type AccountError = { code: "not-found" | "wrong-password" | "weak-password"; message: string };

/** The id a session is listed under (`listSessions`): the first 12 hex digits of its token's hash. */
export function sessionListId(token: string): string {
  return hashToken(token).slice(0, 12);
}

/** Ends the session listed as `id`: one of the caller's own, or anyone's for an admin. */
export function revokeListedSession(store: Store, caller: Session, id: string): Result<{ id: string }, AccountError> {
  if (!/^[0-9a-f]{12}$/.test(id)) return err({ code: "not-found", message: `no session ${id}` });
  const mine = caller.role === "admin" ? undefined : eq(sessions.userId, caller.userId);
  const changed = store.db
    .delete(sessions)
    .where(and(like(sessions.idHash, `${id}%`), mine))
    .run().changes;
  return changed > 0 ? ok({ id }) : err({ code: "not-found", message: `no session ${id}` });
}

/** Revokes an API token: one of the caller's own, or anyone's for an admin. */
export function revokeOwnApiToken(store: Store, caller: Session, id: string): Result<{ id: string }, AccountError> {
  const row = store.db.select({ userId: apiTokens.userId }).from(apiTokens).where(eq(apiTokens.id, id)).get();
  if (!row || (caller.role !== "admin" && row.userId !== caller.userId))
    return err({ code: "not-found", message: `no live token with id ${id}` });
  const revoked = revokeApiToken(store, id);
  return revoked.ok ? revoked : err({ code: "not-found", message: revoked.error.message });
}

/**
 * Changes the caller's password after checking the current one (a borrowed session alone cannot take
 * the account over). Every session of the user ends, this one included: they sign in again.
 */
export async function changeOwnPassword(
  store: Store,
  caller: Session,
  input: { current: string; next: string },
  options: HashOptions = {},
): Promise<Result<{ userName: string }, AccountError>> {
  const credentials = getUserCredentials(store, caller.userName);
  if (
    !credentials ||
    credentials.user.id !== caller.userId ||
    !(await verifyPassword(input.current, credentials.passwordHash))
  )
    return err({ code: "wrong-password", message: "the current password is not right" });
  const changed = await setUserPassword(store, caller.userId, input.next, options);
  if (!changed.ok) return err(asAccountError(changed.error));
  return ok({ userName: changed.value.name });
}

function asAccountError(error: UserError): AccountError {
  return error.code === "weak-password"
    ? { code: "weak-password", message: error.message }
    : { code: "not-found", message: error.message };
}
