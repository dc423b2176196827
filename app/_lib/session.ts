import type { Role, Session } from "@/lib/auth/roles";
import { hasRole } from "@/lib/auth/roles";

export type SessionResult =
  | { ok: true; user: Session }
  | { ok: false; error: { code: "unauthenticated" | "forbidden"; message: string } };

/**
 * The one place server actions, route handlers and pages ask who is calling.
 * auth: requireSession() — lib/auth has sessions, roles and cookies but no Next-facing
 * `requireSession` yet; until it does (and the login page exists), every caller is the local
 * operator of this 127.0.0.1 dashboard. Replace the body with: read the session cookie
 * (`cookies()` + `readSessionToken`), `authorize(store, token, required)`.
 */
export async function requireUser(required: Role = "operator"): Promise<SessionResult> {
  const user: Session = {
    userId: "local",
    userName: "local operator",
    role: "operator",
    createdAt: new Date(0).toISOString(),
    expiresAt: new Date(8.64e15).toISOString(),
  };
  if (!hasRole(user.role, required))
    return { ok: false, error: { code: "forbidden", message: `this needs the ${required} role` } };
  return { ok: true, user };
}
