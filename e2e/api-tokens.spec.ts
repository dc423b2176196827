import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, test, uniqueName } from "./fixtures/test";
import { LoginPage } from "./pages/login-page";
import { addUser } from "./support/users";

/**
 * Peer feature: API tokens for scripts and CI. Made with `crossnet users token` (shown once), sent
 * as `Authorization: Bearer`, limited to the token's role, refused once revoked; and
 * `crossnet users reset` ends the user's browser sessions.
 */

const run = promisify(execFile);

async function crossnet(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [join(process.cwd(), "bin", "crossnet.js"), ...args], {
    env: { ...process.env, CROSSNET_DB: process.env.E2E_DB, NO_COLOR: "1" },
    timeout: 60_000,
  });
  return stdout;
}

test("a Bearer token reads the audit export without a cookie, only with its role, and not once revoked", async ({
  playwright,
  baseURL,
}) => {
  const name = uniqueName("ci");
  await addUser(name, "operator");
  const printed = await crossnet("users", "token", name, "--role", "viewer", "--days", "1", "--label", "e2e");
  const token = printed.split("\n")[0] ?? "";
  expect(token).toMatch(/^cn_[A-Za-z0-9_-]{43}$/);
  const api = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  try {
    const withToken = await api.get("/audit/export?format=jsonl", { headers: { authorization: `Bearer ${token}` } });
    expect(withToken.status()).toBe(200);
    const anonymous = await api.get("/audit/export?format=jsonl");
    expect(anonymous.status()).toBe(401);
    const listed = await crossnet("users", "tokens", name);
    expect(listed).toContain("\tviewer\te2e\t");
    expect(listed).not.toContain(token.slice(3));
    const id = listed.split("\t")[0] ?? "";
    await crossnet("users", "revoke-token", id);
    const revoked = await api.get("/audit/export?format=jsonl", { headers: { authorization: `Bearer ${token}` } });
    expect(revoked.status()).toBe(401);
  } finally {
    await api.dispose();
  }
});

test("`crossnet users reset` ends that user's browser session and sets the password they sign in with", async ({
  browser,
}) => {
  const name = uniqueName("reset");
  const password = await addUser(name, "viewer");
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  try {
    const signIn = new LoginPage(page);
    await signIn.goto("/audit");
    await signIn.signIn(name, password);
    await expect(page).toHaveURL(/\/audit$/);
    expect((await page.request.get("/audit/export?format=csv", { maxRedirects: 0 })).status()).toBe(200);
    const child = execFile(process.execPath, [join(process.cwd(), "bin", "crossnet.js"), "users", "reset", name], {
      env: { ...process.env, CROSSNET_DB: process.env.E2E_DB },
    });
    child.stdin?.end(`${password}-renewed`);
    await new Promise((resolve) => child.once("exit", resolve));
    expect((await page.request.get("/audit/export?format=csv", { maxRedirects: 0 })).status()).toBe(401);
    await page.goto("/audit");
    await expect(page.getByTestId("nav-user")).toHaveCount(0);
    // The old password no longer signs in; the one the admin set does.
    await signIn.goto("/audit");
    await expect(await signIn.refused(name, password)).toBeVisible();
    await signIn.signIn(name, `${password}-renewed`);
    await expect(page).toHaveURL(/\/audit$/);
    await expect(page.getByTestId("nav-user")).toHaveText(name);
  } finally {
    await context.close();
  }
});
