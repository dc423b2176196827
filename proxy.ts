import { type NextRequest, NextResponse } from "next/server";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from "./lib/auth/cookie";
import { METHOD_HEADER } from "./lib/auth/dashboard-config";

/** Pages anyone may open: signing in and the first-start setup. */
const PUBLIC_PAGES = new Set(["/login", "/setup"]);

/** Headers on every response: no framing (clickjacking a root shell), no referrer, no sniffing. */
const RESPONSE_HEADERS: Record<string, string> = {
  "x-frame-options": "DENY",
  "content-security-policy": "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
};

function withHeaders(response: NextResponse): NextResponse {
  for (const [name, value] of Object.entries(RESPONSE_HEADERS)) response.headers.set(name, value);
  return response;
}

/**
 * Convenience only, never authorization: every page, action and route handler checks the session
 * itself (app/_lib/session.ts). Here, a browser navigation without any session cookie is sent to
 * the sign-in page (other requests get the handler's own 401), and the request's method is stamped
 * for `requireUser`'s Origin check.
 */
export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  const method = request.method.toUpperCase();
  const hasCookie = request.cookies.has(SESSION_COOKIE) || request.cookies.has(SECURE_SESSION_COOKIE);
  const navigation =
    (method === "GET" || method === "HEAD") && (request.headers.get("accept") ?? "").includes("text/html");
  if (!hasCookie && navigation && !pathname.startsWith("/api/") && !PUBLIC_PAGES.has(pathname)) {
    const target = new URL("/login", request.url);
    if (pathname !== "/") target.searchParams.set("next", `${pathname}${search}`);
    return withHeaders(NextResponse.redirect(target));
  }
  const forwarded = new Headers(request.headers);
  forwarded.set(METHOD_HEADER, method);
  return withHeaders(NextResponse.next({ request: { headers: forwarded } }));
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
