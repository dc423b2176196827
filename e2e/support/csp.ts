import { type ConsoleMessage, expect, type Page, type Response } from "@playwright/test";

/**
 * Collects, from now on, every CSP violation the page reports (console messages and page errors):
 * the returned list is empty as long as the policy blocks nothing the page needs.
 */
export function cspProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    const text = message.text();
    if (/Content Security Policy|Refused to (?:execute|load|apply|connect|evaluate)/i.test(text)) problems.push(text);
  });
  page.on("pageerror", (error) => {
    if (/Content Security Policy/i.test(error.message)) problems.push(error.message);
  });
  return problems;
}

/**
 * A page's security headers as security.md sets them: a strict, nonce-based Content-Security-Policy
 * whose nonce every script on the page carries, and nosniff; with `hsts`, also that exact
 * Strict-Transport-Security (only a TLS listener sends it).
 */
export async function expectStrictHeaders(
  page: Page,
  response: Response | null,
  path: string,
  options: { hsts?: string } = {},
): Promise<void> {
  expect(response, path).not.toBeNull();
  const headers = response?.headers() ?? {};
  if (options.hsts !== undefined) expect(headers["strict-transport-security"], path).toBe(options.hsts);
  expect(headers["x-content-type-options"], path).toBe("nosniff");
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, path).toContain("default-src 'self'");
  expect(csp, path).toContain("connect-src 'self'");
  expect(csp, path).toContain("'strict-dynamic'");
  expect(csp, path).toContain("frame-ancestors 'none'");
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce, path).toBeTruthy();
  const scripts = await page
    .locator("script")
    .evaluateAll((nodes) =>
      nodes.map((node) => ({ nonce: (node as HTMLScriptElement).nonce, src: (node as HTMLScriptElement).src })),
    );
  expect(scripts.length, path).toBeGreaterThan(0);
  for (const script of scripts) expect(script.nonce, `${path} ${script.src || "inline script"}`).toBe(nonce);
}
