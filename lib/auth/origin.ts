/** Methods that must not change state, so they need no Origin check. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

import "server-only";
export type OriginCheckInput = {
  method: string;
  origin: string | null | undefined;
  host: string | null | undefined;
};

export type OriginDecision =
  | { ok: true }
  | { ok: false; code: "missing-origin" | "missing-host" | "bad-origin" | "cross-origin"; message: string };

const HOST_HEADER = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

function normalizeHost(host: string, protocol: string): string | null {
  if (!HOST_HEADER.test(host.trim())) return null;
  try {
    return new URL(`${protocol}//${host.trim()}`).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * CSRF check for route handlers (which get none from Next) and a second one for server actions:
 * a state-changing request must carry an `Origin` whose host equals the `Host` header, or is in
 * `allowedOrigins` (e.g. `https://crossnet.example` behind a reverse proxy). Unlike Next's own
 * check, a missing `Origin` is refused: every browser sends it on POST, and non-browser clients
 * use the CLI, not the dashboard's HTTP API.
 */
export function checkOrigin(
  input: OriginCheckInput,
  options: { allowedOrigins?: readonly string[] } = {},
): OriginDecision {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return { ok: true };
  if (!input.origin) return { ok: false, code: "missing-origin", message: "the request has no Origin header" };
  if (input.origin === "null")
    return { ok: false, code: "bad-origin", message: "requests from an opaque origin are refused" };
  let origin: URL;
  try {
    origin = new URL(input.origin);
  } catch {
    return { ok: false, code: "bad-origin", message: "the Origin header is not a URL" };
  }
  if (origin.protocol !== "http:" && origin.protocol !== "https:") {
    return { ok: false, code: "bad-origin", message: "the Origin header is not an http(s) origin" };
  }
  if ((options.allowedOrigins ?? []).some((allowed) => allowed.toLowerCase() === origin.origin.toLowerCase())) {
    return { ok: true };
  }
  if (!input.host) return { ok: false, code: "missing-host", message: "the request has no Host header" };
  const host = normalizeHost(input.host, origin.protocol);
  if (host === null || host !== origin.host.toLowerCase()) {
    return { ok: false, code: "cross-origin", message: `origin ${origin.origin} does not match host ${input.host}` };
  }
  return { ok: true };
}

/** {@link checkOrigin} over a fetch-style request (route handlers receive a `Request`). */
export function checkRequestOrigin(
  request: { method: string; headers: Pick<Headers, "get"> },
  options: { allowedOrigins?: readonly string[] } = {},
): OriginDecision {
  return checkOrigin(
    { method: request.method, origin: request.headers.get("origin"), host: request.headers.get("host") },
    options,
  );
}
