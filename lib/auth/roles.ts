import "server-only";
import { err, ok, type Result } from "../store/result";
import type { Role } from "../store/schema";

export type { Role } from "../store/schema";

/** Roles from least to most privileged: a viewer reads; an operator also applies and pings; an admin also manages users, inventories and secrets. */
export const ROLE_ORDER: readonly Role[] = ["viewer", "operator", "admin"];

/** The signed-in user as every server action and route handler sees it. */
export type Session = {
  userId: string;
  userName: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
};

export type AuthzError =
  | { code: "unauthenticated"; status: 401; message: string }
  | { code: "forbidden"; status: 403; message: string; required: Role; actual: Role };

/** True when `role` grants at least what `required` grants. */
export function hasRole(role: Role, required: Role): boolean {
  return ROLE_ORDER.indexOf(role) >= ROLE_ORDER.indexOf(required);
}

/**
 * The authorization check each server action and route handler makes itself (never only in a
 * proxy): no session is 401, too low a role is 403. Pure; the caller resolved the session.
 */
export function requireRole(session: Session | null | undefined, required: Role): Result<Session, AuthzError> {
  if (!session) return err({ code: "unauthenticated", status: 401, message: "sign in first" });
  if (!hasRole(session.role, required)) {
    return err({
      code: "forbidden",
      status: 403,
      message: `this needs the ${required} role; ${session.userName} is ${session.role}`,
      required,
      actual: session.role,
    });
  }
  return ok(session);
}
