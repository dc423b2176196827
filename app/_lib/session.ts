import { cookies, headers } from "next/headers";
import { clearedSessionCookie, sessionCookie, sessionCookieName } from "@/lib/auth/cookie";
import { clientAddress, type DashboardConfig, METHOD_HEADER, readDashboardConfig } from "@/lib/auth/dashboard-config";
import { checkRequestOrigin } from "@/lib/auth/origin";
import { authorizeRequest } from "@/lib/auth/request";
import type { Role, Session } from "@/lib/auth/roles";
import { getStore } from "./store";

export type SessionResult =
  | { ok: true; user: Session }
  | { ok: false; error: { code: "unauthenticated" | "forbidden" | "bad-origin"; message: string } };

let config: DashboardConfig | null = null;

/** The dashboard's listener settings (`CROSSNET_PUBLIC_URL`), read once; a bad value stops every request. */
export function dashboardConfig(): DashboardConfig {
  if (config) return config;
  const read = readDashboardConfig();
  if (!read.ok) throw new Error(read.error.message);
  config = read.value;
  return config;
}

/** The current request as lib/auth sees it: the method the proxy stamped (else POST) and the headers. */
async function currentRequest(): Promise<{ method: string; headers: Pick<Headers, "get"> }> {
  const incoming = await headers();
  const stamped = incoming.get(METHOD_HEADER)?.toUpperCase();
  const method = stamped && /^[A-Z]{3,7}$/.test(stamped) ? stamped : "POST";
  return { method: incoming.get("next-action") ? "POST" : method, headers: incoming };
}

/**
 * The one place server actions, route handlers and pages ask who is calling: the session cookie,
 * its user's current role, and for anything but GET/HEAD the Origin (server actions are public POST
 * endpoints that Next lets through without an Origin; route handlers get no check at all).
 */
export async function requireUser(required: Role = "operator"): Promise<SessionResult> {
  const result = authorizeRequest(getStore(), await currentRequest(), required, dashboardConfig());
  if (result.ok) return { ok: true, user: result.value };
  return { ok: false, error: { code: result.error.code, message: result.error.message } };
}

/** {@link requireUser} for a route handler that has its `Request` (its method is then known for sure). */
export function requireRequestUser(request: Request, required: Role): SessionResult {
  const result = authorizeRequest(getStore(), request, required, dashboardConfig());
  if (result.ok) return { ok: true, user: result.value };
  return { ok: false, error: { code: result.error.code, message: result.error.message } };
}

/**
 * The Origin check alone, for the only actions that run without a session (sign-in, first setup):
 * a cross-site page must not sign a browser into an attacker's account or race the setup.
 */
export async function checkActionOrigin(): Promise<{ ok: true } | { ok: false; message: string }> {
  const decision = checkRequestOrigin(
    { method: "POST", headers: await headers() },
    { allowedOrigins: dashboardConfig().allowedOrigins },
  );
  return decision.ok ? { ok: true } : { ok: false, message: decision.message };
}

/** The caller's address for login rate limiting (see `clientAddress`). */
export async function callerAddress(): Promise<string> {
  return clientAddress(await headers(), dashboardConfig());
}

/** The session token from this request's cookie, or null. */
export async function sessionToken(): Promise<string | null> {
  return (await cookies()).get(sessionCookieName(dashboardConfig().secure))?.value ?? null;
}

/** Sets the session cookie: HttpOnly, SameSite=Strict, Path=/, Secure behind TLS, expiring with the session. */
export async function setSessionCookie(token: string, expiresAt: string): Promise<void> {
  const secure = dashboardConfig().secure;
  const spec = sessionCookie(token, new Date(expiresAt), { secure, now: new Date() });
  (await cookies()).set(spec.name, spec.value, spec.options);
}

/** Removes the session cookie from the browser. */
export async function clearSessionCookie(): Promise<void> {
  const spec = clearedSessionCookie({ secure: dashboardConfig().secure });
  (await cookies()).set(spec.name, spec.value, spec.options);
}
