/**
 * The Content-Security-Policy of every dashboard page. Scripts run only with this response's
 * nonce (Next.js reads it from the request's CSP header and puts it on its own scripts;
 * 'strict-dynamic' lets those load the app's chunks), nothing loads from other origins, and nothing
 * may frame the dashboard. Styles allow inline attributes: React Flow positions nodes with `style`
 * attributes, and a style cannot run code. `dev` adds 'unsafe-eval', which Next's dev server needs.
 */
export function contentSecurityPolicy(nonce: string, options: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A fresh nonce per response: 16 random bytes, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** HSTS for two years when the dashboard is served over https (`CROSSNET_PUBLIC_URL=https://…`); null otherwise. */
export function strictTransportSecurity(secure: boolean): string | null {
  return secure ? "max-age=63072000; includeSubDomains" : null;
}
