import "server-only";
import { and, asc, count, eq, ne } from "drizzle-orm";
import { isUniqueViolation, newId, nowIso } from "../store/clock";
import type { Store } from "../store/open";
import { err, ok, type Result } from "../store/result";
import { type Role, sessions, users } from "../store/schema";
import { checkPasswordPolicy, hashPassword, type PasswordIssue, type ScryptParams } from "./password";

/** A user as shown anywhere: never the password hash. */
export type UserInfo = { id: string; name: string; role: Role; createdAt: string; updatedAt: string };

export type UserError =
  | { code: "invalid-name"; message: string }
  | { code: "weak-password"; message: string; issues: PasswordIssue[] }
  | { code: "name-taken"; message: string; name: string }
  | { code: "not-found"; message: string; id: string }
  | { code: "last-admin"; message: string };

/** Options for functions that hash passwords; tests pass cheap scrypt parameters. */
export type HashOptions = { scrypt?: ScryptParams };

const USER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.@-]{0,63}$/;

const infoColumns = {
  id: users.id,
  name: users.name,
  role: users.role,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

/** Checks a user name (letters, digits, `_.@-`, at most 64) and a new password against the policy. */
export function checkNewCredentials(name: string, password: string): Result<string, UserError> {
  if (!USER_NAME.test(name)) {
    return err({
      code: "invalid-name",
      message: "a user name is 1-64 letters, digits, '_', '.', '@' or '-', starting with a letter or digit",
    });
  }
  const issues = checkPasswordPolicy(password, name);
  if (issues.length > 0) {
    return err({ code: "weak-password", message: issues.map((issue) => issue.message).join("; "), issues });
  }
  return ok(name);
}

/** Inserts a user whose password is already hashed; used inside transactions by `createUser` and setup. */
export function insertUser(
  store: Store,
  input: { name: string; role: Role; passwordHash: string },
): Result<UserInfo, UserError> {
  const at = nowIso(store);
  const user: UserInfo = { id: newId(), name: input.name, role: input.role, createdAt: at, updatedAt: at };
  try {
    store.db
      .insert(users)
      .values({ ...user, passwordHash: input.passwordHash })
      .run();
  } catch (error) {
    if (isUniqueViolation(error))
      return err({ code: "name-taken", message: `a user named '${input.name}' exists`, name: input.name });
    throw error;
  }
  return ok(user);
}

/** Creates a user with a scrypt-hashed password. Names are unique regardless of case. */
export async function createUser(
  store: Store,
  input: { name: string; role: Role; password: string },
  options: HashOptions = {},
): Promise<Result<UserInfo, UserError>> {
  const checked = checkNewCredentials(input.name, input.password);
  if (!checked.ok) return checked;
  const passwordHash = await hashPassword(input.password, options.scrypt);
  return insertUser(store, { name: input.name, role: input.role, passwordHash });
}

/** Every user, sorted by name. */
export function listUsers(store: Store): UserInfo[] {
  return store.db.select(infoColumns).from(users).orderBy(asc(users.name)).all();
}

/** One user by name (case-insensitive), or `null`. */
export function getUserByName(store: Store, name: string): UserInfo | null {
  return store.db.select(infoColumns).from(users).where(eq(users.name, name)).get() ?? null;
}

/** One user by id, or `null`. */
export function getUser(store: Store, id: string): UserInfo | null {
  return store.db.select(infoColumns).from(users).where(eq(users.id, id)).get() ?? null;
}

/**
 * A user with the password hash, for `login` only (lib/auth internal): nothing that renders or
 * returns data to a browser should call this.
 */
export function getUserCredentials(store: Store, name: string): { user: UserInfo; passwordHash: string } | null {
  const row = store.db.select().from(users).where(eq(users.name, name)).get();
  if (!row) return null;
  const { passwordHash, ...user } = row;
  return { user, passwordHash };
}

/** Number of admins, optionally not counting one user. */
export function countAdmins(store: Store, exceptUserId?: string): number {
  const row = store.db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), exceptUserId ? ne(users.id, exceptUserId) : undefined))
    .get();
  return row?.n ?? 0;
}

/** Changes a user's role; refuses to demote the last admin, which would lock everyone out of administration. */
export function setUserRole(store: Store, id: string, role: Role): Result<UserInfo, UserError> {
  const change = store.sqlite.transaction((): Result<UserInfo, UserError> => {
    const user = getUser(store, id);
    if (!user) return err({ code: "not-found", message: `no user with id ${id}`, id });
    if (user.role === "admin" && role !== "admin" && countAdmins(store, id) === 0) {
      return err({ code: "last-admin", message: "cannot demote the last admin" });
    }
    const updatedAt = nowIso(store);
    store.db.update(users).set({ role, updatedAt }).where(eq(users.id, id)).run();
    return ok({ ...user, role, updatedAt });
  });
  return change.immediate();
}

/** Sets a new password and signs the user out everywhere (all sessions revoked). */
export async function setUserPassword(
  store: Store,
  id: string,
  password: string,
  options: HashOptions = {},
): Promise<Result<UserInfo, UserError>> {
  const user = getUser(store, id);
  if (!user) return err({ code: "not-found", message: `no user with id ${id}`, id });
  const issues = checkPasswordPolicy(password, user.name);
  if (issues.length > 0)
    return err({ code: "weak-password", message: issues.map((issue) => issue.message).join("; "), issues });
  const passwordHash = await hashPassword(password, options.scrypt);
  const updatedAt = nowIso(store);
  store.sqlite.transaction(() => {
    store.db.update(users).set({ passwordHash, updatedAt }).where(eq(users.id, id)).run();
    store.db.delete(sessions).where(eq(sessions.userId, id)).run();
  })();
  return ok({ ...user, updatedAt });
}

/** Deletes a user and their sessions; refuses to delete the last admin. */
export function deleteUser(store: Store, id: string): Result<{ id: string }, UserError> {
  const remove = store.sqlite.transaction((): Result<{ id: string }, UserError> => {
    const user = getUser(store, id);
    if (!user) return err({ code: "not-found", message: `no user with id ${id}`, id });
    if (user.role === "admin" && countAdmins(store, id) === 0)
      return err({ code: "last-admin", message: "cannot delete the last admin" });
    store.db.delete(users).where(eq(users.id, id)).run();
    return ok({ id });
  });
  return remove.immediate();
}
