import type { Store } from "../store/open";
import { err, type Result } from "../store/result";
import { sessionFromBearer } from "./api-tokens";
import { readSessionToken } from "./cookie";
import { checkRequestOrigin } from "./origin";
import { type AuthzError, type Role, requireRole, type Session } from "./roles";
import { authorize } from "./sessions";

export type RequestAuthError = AuthzError | { code: "bad-origin"; status: 403; message: string };

/**
 * Everything a route handler checks before doing anything: the Origin (CSRF: route handlers get no
 * check from Next), the session cookie, and the role. A request with `Authorization: Bearer cn_…`
 * (an API token for scripts) is judged by that token alone: no cookie is read and no Origin is
 * needed, since a browser never attaches that header by itself. Framework-neutral: takes a
 * fetch-style request; a server action passes `{ method: "POST", headers: await headers() }`.
 */
export function authorizeRequest(
  store: Store,
  request: { method: string; headers: Pick<Headers, "get"> },
  required: Role,
  options: { secure: boolean; allowedOrigins?: readonly string[] },
): Result<Session, RequestAuthError> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const session = sessionFromBearer(store, authorization);
    if (!session)
      return err({ code: "unauthenticated", status: 401, message: "the API token is unknown, revoked or expired" });
    return requireRole(session, required);
  }
  const origin = checkRequestOrigin(request, { allowedOrigins: options.allowedOrigins });
  if (!origin.ok) return err({ code: "bad-origin", status: 403, message: origin.message });
  return authorize(store, readSessionToken(request.headers.get("cookie"), { secure: options.secure }), required);
}
