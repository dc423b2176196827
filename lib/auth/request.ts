import "server-only";
import type { Store } from "../store/open";
import { err, type Result } from "../store/result";
import { readSessionToken } from "./cookie";
import { checkRequestOrigin } from "./origin";
import type { AuthzError, Role, Session } from "./roles";
import { authorize } from "./sessions";

export type RequestAuthError = AuthzError | { code: "bad-origin"; status: 403; message: string };

/**
 * Everything a route handler checks before doing anything: the Origin (CSRF: route handlers get no
 * check from Next), the session cookie, and the role. Framework-neutral: takes a fetch-style
 * request; a server action passes `{ method: "POST", headers: await headers() }`.
 */
export function authorizeRequest(
  store: Store,
  request: { method: string; headers: Pick<Headers, "get"> },
  required: Role,
  options: { secure: boolean; allowedOrigins?: readonly string[] },
): Result<Session, RequestAuthError> {
  const origin = checkRequestOrigin(request, { allowedOrigins: options.allowedOrigins });
  if (!origin.ok) return err({ code: "bad-origin", status: 403, message: origin.message });
  return authorize(store, readSessionToken(request.headers.get("cookie"), { secure: options.secure }), required);
}
