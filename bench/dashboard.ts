/**
 * What the browser benches share: a built dashboard (`next start`) on a free loopback port with its
 * own database, headless Chromium, and an admin signed in through /setup as a person would (a setup
 * token issued after the server started, as the e2e global setup does; there is no auth bypass).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../e2e/support/chromium";
import { ensureSetupToken } from "../lib/auth/bootstrap";
import { openStore } from "../lib/store/open";

export const ROOT = resolve(import.meta.dirname, "..");

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

export async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app did not answer at ${url}`);
}

/** Headless Chromium as the e2e tests start it (e2e/support/chromium.ts). */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Builds the dashboard (`next build`) unless a build is there already. */
export function ensureBuilt(): void {
  if (!existsSync(join(ROOT, ".next", "BUILD_ID")))
    execFileSync("npx", ["next", "build"], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
}

/**
 * Starts the built dashboard (`next start`) on a free loopback port with the database `db` (and `env`
 * on top); `base` is its URL. The caller waits for it (waitForServer) and kills it when done.
 */
export async function startDashboard(
  db: string,
  env: Record<string, string> = {},
): Promise<{ base: string; server: ChildProcess }> {
  const port = await freePort();
  const server = spawn(join(ROOT, "node_modules", ".bin", "next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: ROOT,
    env: { ...process.env, CROSSNET_DB: db, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: "ignore",
  });
  return { base: `http://127.0.0.1:${port}`, server };
}

/**
 * The dashboard needs a signed-in user. The bench holds its throwaway database as an operator holds
 * the server console and issues the one-time setup token AFTER the server started (its start
 * replaces any earlier token), as the e2e global setup does; there is no auth bypass.
 */
export function setupToken(db: string): string {
  const opened = openStore({ path: db });
  if (!opened.ok) throw new Error(opened.error.message);
  const setup = ensureSetupToken(opened.value);
  opened.value.close();
  if (setup.status !== "setup-required")
    throw new Error(`${db} already has an admin: the bench needs a fresh database`);
  return setup.token;
}

/** Creates the bench's admin on /setup with the setup token; the page's context is then signed in. */
export async function signUp(page: Page, base: string, token: string): Promise<void> {
  await page.goto(`${base}/topologies`);
  await page.waitForURL(/\/setup$/, { timeout: 30_000 });
  await page.getByTestId("setup-token").fill(token);
  await page.getByTestId("setup-username").fill("bench-admin");
  await page.getByTestId("setup-password").fill(`bench-${randomBytes(18).toString("base64url")}`);
  await page.getByTestId("setup-submit").click();
  await page.waitForURL(/\/topologies$/, { timeout: 30_000 });
}
