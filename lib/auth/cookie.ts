import "server-only";

/** Session cookie name over plain HTTP (the default 127.0.0.1 listener). */
export const SESSION_COOKIE = "crossnet_session";

/**
 * Session cookie name over HTTPS: the `__Host-` prefix makes browsers require Secure, Path=/ and no
 * Domain, so a sibling subdomain cannot plant or overwrite it.
 */
export const SECURE_SESSION_COOKIE = "__Host-crossnet_session";

/** Attributes in the shape Next's `cookies().set(name, value, options)` accepts. */
export type CookieOptions = {
  httpOnly: true;
  sameSite: "strict";
  secure: boolean;
  path: "/";
  maxAge: number;
  expires: Date;
};

export type CookieSpec = { name: string; value: string; options: CookieOptions };

/** The cookie name for a listener that is (or is not) served over HTTPS. */
export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/**
 * The session cookie: HttpOnly (no script access), SameSite=Strict (not sent on cross-site
 * requests, the first CSRF defence), Path=/, expiring with the session. `secure` should be true
 * whenever the dashboard is served over HTTPS.
 */
export function sessionCookie(token: string, expiresAt: Date, options: { secure: boolean; now: Date }): CookieSpec {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - options.now.getTime()) / 1000));
  return {
    name: sessionCookieName(options.secure),
    value: token,
    options: { httpOnly: true, sameSite: "strict", secure: options.secure, path: "/", maxAge, expires: expiresAt },
  };
}

/** A cookie that deletes the session cookie (empty value, already expired). */
export function clearedSessionCookie(options: { secure: boolean }): CookieSpec {
  return {
    name: sessionCookieName(options.secure),
    value: "",
    options: { httpOnly: true, sameSite: "strict", secure: options.secure, path: "/", maxAge: 0, expires: new Date(0) },
  };
}

/** The `Set-Cookie` header value for a spec, for route handlers that build responses by hand. */
export function serializeCookie(spec: CookieSpec): string {
  const parts = [
    `${spec.name}=${encodeURIComponent(spec.value)}`,
    `Path=${spec.options.path}`,
    `Max-Age=${spec.options.maxAge}`,
    `Expires=${spec.options.expires.toUTCString()}`,
    "HttpOnly",
    "SameSite=Strict",
  ];
  if (spec.options.secure) parts.push("Secure");
  return parts.join("; ");
}

/** The session token from a `Cookie` request header, or `null`. */
export function readSessionToken(cookieHeader: string | null | undefined, options: { secure: boolean }): string | null {
  if (!cookieHeader) return null;
  const name = sessionCookieName(options.secure);
  for (const pair of cookieHeader.split(";")) {
    const index = pair.indexOf("=");
    if (index === -1 || pair.slice(0, index).trim() !== name) continue;
    try {
      return decodeURIComponent(pair.slice(index + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}
