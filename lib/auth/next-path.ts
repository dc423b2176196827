import "server-only";

/** Where to go after signing in when no (acceptable) `next` was given. */
export const DEFAULT_AFTER_LOGIN = "/topologies";

/**
 * The `next` parameter of the sign-in page made safe: only a path on this site (`/…`, not `//host`
 * or `/\host`, which browsers read as another origin, and no control characters), else the default.
 * An open redirect on a sign-in page is a phishing tool.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || next.length > 2048) return DEFAULT_AFTER_LOGIN;
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return DEFAULT_AFTER_LOGIN;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return DEFAULT_AFTER_LOGIN;
  if (next === "/login" || next.startsWith("/login?") || next === "/setup") return DEFAULT_AFTER_LOGIN;
  return next;
}
