/**
 * Request header that proxy.ts sets to the request's method (replacing any value the client sent).
 * Server components and actions cannot see the method otherwise; without the header a request is
 * treated as state-changing, so a request that skipped the proxy fails closed (needs an Origin).
 */
import "server-only";
export const METHOD_HEADER = "x-crossnet-method";

/** How the dashboard is reached, read once from the environment of the server process. */
export type DashboardConfig = {
  /** Served over HTTPS (a TLS-terminating proxy in front): the session cookie is `Secure` and `__Host-`. */
  secure: boolean;
  /** Origins besides the request's own Host that may send state-changing requests (the public URL). */
  allowedOrigins: readonly string[];
  /** Take the client address from `X-Forwarded-For` (only behind a proxy that sets it). */
  trustProxy: boolean;
};

export type DashboardConfigError = { code: "bad-public-url"; message: string };

/**
 * Reads `CROSSNET_PUBLIC_URL` (the address users type, e.g. `https://crossnet.example` behind a
 * TLS proxy) and `CROSSNET_TRUST_PROXY=1`. Without a public URL the dashboard is the plain-HTTP
 * loopback listener: no `Secure` cookie, only same-host origins. A public URL that is not an
 * http(s) origin is refused rather than guessed.
 */
export function readDashboardConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): { ok: true; value: DashboardConfig } | { ok: false; error: DashboardConfigError } {
  const raw = env.CROSSNET_PUBLIC_URL?.trim();
  const trustProxy = env.CROSSNET_TRUST_PROXY === "1";
  if (!raw) return { ok: true, value: { secure: false, allowedOrigins: [], trustProxy } };
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
  return { ok: true, value: { secure: url.protocol === "https:", allowedOrigins: [url.origin], trustProxy } };
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

/** The client address used for login rate limiting: the proxy's `X-Forwarded-For` only when trusted. */
export function clientAddress(headers: Pick<Headers, "get">, config: DashboardConfig): string {
  if (config.trustProxy) {
    const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  return "direct";
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
