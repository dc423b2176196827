import { PEER_HEADER, PEER_STAMPED_ENV, parseTrustedProxies, rateLimitKey, resolveClientAddress } from "./peer-address";

/**
 * Request header that proxy.ts sets to the request's method (replacing any value the client sent).
 * Server components and actions cannot see the method otherwise; without the header a request is
 * treated as state-changing, so a request that skipped the proxy fails closed (needs an Origin).
 */
export const METHOD_HEADER = "x-crossnet-method";

/** How the dashboard is reached, read once from the environment of the server process. */
export type DashboardConfig = {
  /** Served over HTTPS (a TLS-terminating proxy in front): the session cookie is `Secure` and `__Host-`. */
  secure: boolean;
  /** Origins besides the request's own Host that may send state-changing requests (the public URL). */
  allowedOrigins: readonly string[];
  /**
   * CIDRs of reverse proxies whose `X-Forwarded-For` is believed (`CROSSNET_TRUSTED_PROXIES`);
   * empty: none, the socket's peer is the client.
   */
  trustedProxies: readonly string[];
  /** The peer header comes from `crossnet serve`'s socket (see `PEER_STAMPED_ENV`), not from a client. */
  peerStamped: boolean;
};

export type DashboardConfigError = { code: "bad-public-url" | "bad-trusted-proxies"; message: string };

/**
 * Reads `CROSSNET_PUBLIC_URL` (the address users type, e.g. `https://crossnet.example` behind a
 * TLS proxy) and `CROSSNET_TRUSTED_PROXIES=cidr,…`. The old `CROSSNET_TRUST_PROXY=1` (which believed
 * whatever `X-Forwarded-For` a client wrote) is refused with a pointer to its replacement. Without a public URL the dashboard is the plain-HTTP
 * loopback listener: no `Secure` cookie, only same-host origins. A public URL that is not an
 * http(s) origin is refused rather than guessed.
 */
export function readDashboardConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): { ok: true; value: DashboardConfig } | { ok: false; error: DashboardConfigError } {
  const raw = env.CROSSNET_PUBLIC_URL?.trim();
  if (env.CROSSNET_TRUST_PROXY !== undefined && env.CROSSNET_TRUST_PROXY !== "") {
    return {
      ok: false,
      error: {
        code: "bad-trusted-proxies",
        message:
          "CROSSNET_TRUST_PROXY is no longer read (any client could write X-Forwarded-For); name your proxies " +
          "instead: CROSSNET_TRUSTED_PROXIES=127.0.0.1/32,…",
      },
    };
  }
  const trusted = parseTrustedProxies(env.CROSSNET_TRUSTED_PROXIES);
  if (!trusted.ok) return { ok: false, error: trusted.error };
  const base = { trustedProxies: trusted.value, peerStamped: env[PEER_STAMPED_ENV] === "1" };
  if (!raw) return { ok: true, value: { secure: false, allowedOrigins: [], ...base } };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: { code: "bad-public-url", message: "CROSSNET_PUBLIC_URL is not a URL" } };
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password) {
    return {
      ok: false,
      error: { code: "bad-public-url", message: "CROSSNET_PUBLIC_URL must be an http(s) origin without credentials" },
    };
  }
  return { ok: true, value: { secure: url.protocol === "https:", allowedOrigins: [url.origin], ...base } };
}

const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|::1|\[::1\]|localhost)$/i;

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host.trim());
}

/**
 * The warning to print when the dashboard listens beyond loopback without TLS in front: its
 * sessions and every command it sends to root shells would cross the network in clear text.
 * `null` when listening on loopback, or when `CROSSNET_PUBLIC_URL` is https.
 */
export function listenWarning(host: string, config: DashboardConfig): string | null {
  if (isLoopbackHost(host)) return null;
  if (config.secure) return null;
  return (
    `WARNING: the dashboard listens on ${host} over plain HTTP. It is a remote root shell to every host it ` +
    "manages: anyone on that network can read session cookies and passwords. Put a TLS-terminating proxy in " +
    "front and set CROSSNET_PUBLIC_URL=https://…, or listen on 127.0.0.1 and use an SSH tunnel."
  );
}

/**
 * The client address key used for rate limiting: the socket's peer (stamped by `crossnet serve`),
 * or behind a named trusted proxy the right-most untrusted `X-Forwarded-For` hop; IPv6 by /64.
 * `"unknown"` when the server was not started by `crossnet serve` (no trustworthy peer).
 */
export function clientAddress(headers: Pick<Headers, "get">, config: DashboardConfig): string {
  const address = resolveClientAddress({
    peer: config.peerStamped ? headers.get(PEER_HEADER) : null,
    forwardedFor: headers.get("x-forwarded-for"),
    trustedProxies: config.trustedProxies,
  });
  return rateLimitKey(address);
}

/**
 * The address `next start` was told to listen on, from its command line (`-H`/`--hostname`, the
 * last one wins); `0.0.0.0` when `next start` has none (Next then listens on every interface);
 * `null` when this process is not `next start` (e.g. the dev server's worker), so nothing is known.
 */
export function listenHostFromArgv(argv: readonly string[]): string | null {
  const start = argv.findIndex((arg, index) => index >= 1 && arg === "start");
  if (start === -1) return null;
  let host = "0.0.0.0";
  for (let i = start + 1; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if ((arg === "-H" || arg === "--hostname") && argv[i + 1] !== undefined) host = argv[++i] ?? host;
    else if (arg.startsWith("--hostname=")) host = arg.slice("--hostname=".length);
  }
  return host;
}
