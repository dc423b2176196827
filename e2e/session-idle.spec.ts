import { SESSION_COOKIE } from "../lib/auth/cookie";
import { hashToken } from "../lib/auth/tokens";
import { expect, test, uniqueName } from "./fixtures/test";
import { LoginPage } from "./pages/login-page";
import { withE2eStore } from "./support/store";
import { addUser } from "./support/users";

/**
 * Peer feature: the idle timeout. A browser left signed in but unused for an hour is signed out by
 * the server, while one used within the hour stays signed in (each use counts). An hour cannot pass
 * in a test, so the harness, which holds this run's database as an operator holds the server
 * console, moves the session's last use back in time; the dashboard does the rest.
 */

const MINUTE_MS = 60_000;

/** When the session of `token` was last used, as the server recorded it (null: no such session). */
function lastSeen(token: string): number | null {
  return withE2eStore((store) => {
    const row = store.sqlite
      .prepare("SELECT last_seen_at AS seen, created_at AS created FROM sessions WHERE id_hash = ?")
      .get(hashToken(token)) as { seen: string | null; created: string } | undefined;
    return row ? Date.parse(row.seen ?? row.created) : null;
  });
}

/** Makes the session look unused for `minutes` (signed in a little before that). */
function leaveUnused(token: string, minutes: number): void {
  withE2eStore((store) => {
    const seen = new Date(Date.now() - minutes * MINUTE_MS).toISOString();
    const created = new Date(Date.now() - (minutes + 1) * MINUTE_MS).toISOString();
    const changed = store.sqlite
      .prepare("UPDATE sessions SET last_seen_at = ?, created_at = ? WHERE id_hash = ?")
      .run(seen, created, hashToken(token)).changes;
    expect(changed).toBe(1);
  });
}

test("a session used within the hour stays signed in (the use counts); one unused for an hour is signed out", async ({
  browser,
}) => {
  const name = uniqueName("idle");
  const password = await addUser(name, "viewer");
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto("/audit");
    await login.signIn(name, password);
    await expect(page).toHaveURL(/\/audit$/);
    const token = (await context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE)?.value ?? "";
    expect(token).not.toBe("");

    leaveUnused(token, 59);
    await page.goto("/audit");
    await expect(page.getByTestId("nav-user")).toHaveText(name);
    expect(Date.now() - (lastSeen(token) ?? 0)).toBeLessThan(5 * MINUTE_MS);

    leaveUnused(token, 61);
    expect((await page.request.get("/audit/export?format=csv", { maxRedirects: 0 })).status()).toBe(401);
    expect(lastSeen(token)).toBeNull();
    await page.goto("/audit");
    await expect(page.getByTestId("nav-user")).toHaveCount(0);
  } finally {
    await context.close();
  }
});
