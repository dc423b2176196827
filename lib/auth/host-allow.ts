import { isLoopbackHost } from "./dashboard-config";

/**
 * The host names the dashboard answers to: loopback names always, plus the public URL's host,
 * the address `crossnet serve` was told to listen on (when it is a single address), and any in
 * `CROSSNET_ALLOWED_HOSTS=name,…`. A DNS-rebinding page reaches the server under its own name,
 * so any other Host is refused before sign-in or setup can be touched.
 */
export function allowedHostNames(env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const names = new Set<string>();
  const publicUrl = env.CROSSNET_PUBLIC_URL?.trim();
  if (publicUrl) {
    try {
      names.add(new URL(publicUrl).hostname.toLowerCase());
    } catch {
      // readDashboardConfig reports a bad public URL; nothing to add here.
    }
  }
  const listen = env.CROSSNET_LISTEN_HOST?.trim().toLowerCase();
  if (listen && listen !== "0.0.0.0" && listen !== "::") names.add(listen.includes(":") ? `[${listen}]` : listen);
  for (const name of (env.CROSSNET_ALLOWED_HOSTS ?? "").split(",")) {
    const trimmed = name.trim().toLowerCase();
    if (trimmed) names.add(trimmed);
  }
  return [...names].sort();
}

/** The host name of a Host header (`name`, `name:port`, `[v6]:port`), lower-cased; null if malformed. */
export function hostHeaderName(host: string): string | null {
  const text = host.trim().toLowerCase();
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/.exec(text);
  return match?.[1] ?? null;
}

/**
 * Whether a request's Host header names this dashboard: a loopback name (localhost, 127.0.0.0/8,
 * [::1]) or one of `allowed` (from {@link allowedHostNames}). A missing or malformed Host is refused.
 */
export function isAllowedHost(host: string | null | undefined, allowed: readonly string[]): boolean {
  if (!host) return false;
  const name = hostHeaderName(host);
  if (name === null) return false;
  if (isLoopbackHost(name)) return true;
  return allowed.includes(name);
}
