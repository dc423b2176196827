import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, test, uniqueName } from "./fixtures/test";
import { LoginPage } from "./pages/login-page";
import { addUser } from "./support/users";

/**
 * The account page (peer features): API tokens made in the dashboard (role up to the user's, an
 * expiry, shown once, listed, revoked), signed-in sessions listed and ended, and the password changed.
 */

async function signedIn(
  browser: Browser,
  name: string,
  password: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto("/account");
  await login.signIn(name, password);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("account-page")).toBeVisible();
  return { context, page };
}

test("an API token made on the account page is shown once, works as a Bearer token, and stops once revoked", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const name = uniqueName("tok");
  const password = await addUser(name, "operator");
  const { context, page } = await signedIn(browser, name, password);
  const api = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  try {
    // An operator may give a token at most the operator role.
    await expect(page.getByTestId("token-role").locator("option")).toHaveText(["viewer", "operator"]);
    await page.getByTestId("token-label").fill("ci job");
    await page.getByTestId("token-role").selectOption("viewer");
    await page.getByTestId("token-days").fill("2");
    await page.getByTestId("token-create").click();
    const token = (await page.getByTestId("token-value").textContent())?.trim() ?? "";
    expect(token).toMatch(/^cn_[A-Za-z0-9_-]{43}$/);
    const row = page.getByTestId("token-row").filter({ hasText: "ci job" });
    await expect(row).toContainText("viewer");

    const bearer = { authorization: `Bearer ${token}` };
    expect((await api.get("/audit/export?format=jsonl", { headers: bearer })).status()).toBe(200);

    await page.reload();
    await expect(page.getByTestId("token-value")).toHaveCount(0);
    expect(await page.content()).not.toContain(token.slice(3));
    await row.getByTestId("token-revoke").click();
    await expect(row).toContainText("revoked");
    expect((await api.get("/audit/export?format=jsonl", { headers: bearer })).status()).toBe(401);
  } finally {
    await api.dispose();
    await context.close();
  }
});

test("a user sees their sessions, this one marked, and ends another browser's session", async ({ browser }) => {
  const name = uniqueName("ses");
  const password = await addUser(name, "viewer");
  const first = await signedIn(browser, name, password);
  const second = await signedIn(browser, name, password);
  try {
    await first.page.reload();
    const rows = first.page.getByTestId("session-row");
    await expect(rows).toHaveCount(2);
    const other = first.page.locator('[data-testid="session-row"]:not([data-current])');
    await expect(other).toHaveCount(1);
    await other.getByTestId("session-revoke").click();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute("data-current", "true");
    // The other browser is signed out; this one is not.
    await second.page.goto("/account");
    await expect(second.page.getByTestId("nav-user")).toHaveCount(0);
    await expect(second.page.getByTestId("account-page")).toHaveCount(0);
    await first.page.goto("/account");
    await expect(first.page.getByTestId("account-page")).toBeVisible();
  } finally {
    await first.context.close();
    await second.context.close();
  }
});

test("a password change needs the current password, then signs out and only the new one works", async ({ browser }) => {
  const name = uniqueName("pwd");
  const password = await addUser(name, "viewer");
  const { context, page } = await signedIn(browser, name, password);
  try {
    await page.getByTestId("password-current").fill("not the password at all");
    await page.getByTestId("password-next").fill("a completely new passphrase");
    await page.getByTestId("password-submit").click();
    await expect(page.getByTestId("password-error")).toContainText("current password is not right");

    await page.getByTestId("password-current").fill(password);
    await page.getByTestId("password-next").fill("a completely new passphrase");
    await page.getByTestId("password-submit").click();
    await expect(page).toHaveURL(/\/login/);
    const login = new LoginPage(page);
    await expect(await login.refused(name, password)).toBeVisible();
    await login.signIn(name, "a completely new passphrase");
    await expect(page.getByTestId("nav-user")).toHaveText(name);
  } finally {
    await context.close();
  }
});
