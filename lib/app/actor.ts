import "server-only";
import { hasRole, type Role } from "../auth/roles";

/**
 * Who runs a use case: a name for the audit log, run rows and host locks, and a role the use case
 * checks itself (the dashboard passes the signed-in user; the CLI passes the machine's user, who
 * holds the files and keys anyway, as admin).
 */
export type Actor = { name: string; role: Role };

export type ForbiddenError = { code: "forbidden"; message: string };

/** Null when `actor` may do what needs `required`; otherwise the error the use case returns. */
export function forbidden(actor: Actor, required: Role): ForbiddenError | null {
  if (hasRole(actor.role, required)) return null;
  return { code: "forbidden", message: `this needs the ${required} role; ${actor.name} is ${actor.role}` };
}

/** A use case that returns plain data was called by an actor whose role is too low (a bug in the shell). */
export class ActorForbiddenError extends Error {
  override readonly name = "ActorForbiddenError";
}

/**
 * For use cases whose result has no error branch: the shell checked the role already, so a denial
 * here is a bug in that shell and throws.
 * @throws ActorForbiddenError
 */
export function assertAllowed(actor: Actor, required: Role): void {
  const denied = forbidden(actor, required);
  if (denied) throw new ActorForbiddenError(denied.message);
}

/** The signed-in dashboard user as an actor. */
export function sessionActor(session: { userName: string; role: Role }): Actor {
  return { name: session.userName, role: session.role };
}
