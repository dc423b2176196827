import { type NextRequest, NextResponse } from "next/server";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from "./lib/auth/cookie";
import { contentSecurityPolicy, newNonce, strictTransportSecurity } from "./lib/auth/csp";
import { METHOD_HEADER } from "./lib/auth/dashboard-config";
import { allowedHostNames, isAllowedHost } from "./lib/auth/host-allow";

/** Pages anyone may open: signing in and the first-start setup. */
const PUBLIC_PAGES = new Set(["/login", "/setup"]);

let hosts: string[] | null = null;

/** Host names besides loopback that this dashboard answers to (read once from the environment). */
function allowedHosts(): string[] {
  hosts ??= allowedHostNames();
  return hosts;
}

/** Headers on every response: a nonce CSP, no framing (clickjacking a root shell), no referrer, no sniffing, HSTS behind https. */
function withHeaders(response: NextResponse, csp: string): NextResponse {
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-frame-options", "DENY");
  response.headers.set("referrer-policy", "no-referrer");
  response.headers.set("x-content-type-options", "nosniff");
  const hsts = strictTransportSecurity((process.env.CROSSNET_PUBLIC_URL ?? "").trim().startsWith("https:"));
  if (hsts) response.headers.set("strict-transport-security", hsts);
  return response;
}

/**
 * Convenience only, never authorization: every page, action and route handler checks the session
 * itself (app/_lib/session.ts). Here: a Host that is not this dashboard's is refused with 421 (DNS
 * rebinding); a browser navigation without any session cookie is sent to the sign-in page (other
 * requests get the handler's own 401); the request's method is stamped for `requireUser`'s Origin
 * check; and each response gets a fresh CSP nonce, which Next puts on its scripts.
 */
export function proxy(request: NextRequest): NextResponse {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  const host = request.headers.get("host") ?? request.nextUrl.host;
  if (!isAllowedHost(host, allowedHosts())) {
    return withHeaders(
      new NextResponse(
        "This dashboard does not answer to that host name. Open it by the name in CROSSNET_PUBLIC_URL, or add the name to CROSSNET_ALLOWED_HOSTS.\n",
        { status: 421, headers: { "content-type": "text/plain; charset=utf-8" } },
      ),
      csp,
    );
  }
  const { pathname, search } = request.nextUrl;
  const method = request.method.toUpperCase();
  const hasCookie = request.cookies.has(SESSION_COOKIE) || request.cookies.has(SECURE_SESSION_COOKIE);
  const navigation =
    (method === "GET" || method === "HEAD") && (request.headers.get("accept") ?? "").includes("text/html");
  if (!hasCookie && navigation && !pathname.startsWith("/api/") && !PUBLIC_PAGES.has(pathname)) {
    const target = new URL("/login", request.url);
    if (pathname !== "/") target.searchParams.set("next", `${pathname}${search}`);
    return withHeaders(NextResponse.redirect(target), csp);
  }
  const forwarded = new Headers(request.headers);
  forwarded.set(METHOD_HEADER, method);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", csp);
  return withHeaders(NextResponse.next({ request: { headers: forwarded } }), csp);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
