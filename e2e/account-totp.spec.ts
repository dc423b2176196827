import type { Browser, Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { expect, test, uniqueName } from "./fixtures/test";
import { LoginPage } from "./pages/login-page";
import { addUser } from "./support/users";

/**
 * Peer feature: TOTP two-factor sign-in for admins. Enrolment on the account page shows the secret
 * once and needs a first code; from then on the password alone does not sign in, a current code does,
 * and each recovery code works once.
 */

/** What an authenticator app shows for `secret`, `stepsAhead` periods from now. */
function appCode(secret: string, stepsAhead = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({
    timestamp: Date.now() + stepsAhead * 30_000,
  });
}

async function signInWithCode(browser: Browser, name: string, password: string, code: string): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto("/account");
  await login.signIn(name, password);
  await expect(page.getByTestId("login-code")).toBeVisible();
  await expect(page.getByTestId("login-error")).toContainText("authenticator app");
  await page.getByTestId("login-code").fill(code);
  await page.getByTestId("login-submit").click();
  return page;
}

test("an admin turns on two-factor sign-in; then only a code or an unused recovery code signs in", async ({
  browser,
}) => {
  const name = uniqueName("adm2fa");
  const password = await addUser(name, "admin");
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto("/account");
  await login.signIn(name, password);
  await expect(page.getByTestId("account-totp")).toHaveAttribute("data-enabled", "false");
  await page.getByTestId("totp-start").click();
  const secret = (await page.getByTestId("totp-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByTestId("totp-uri")).toContainText(`otpauth://totp/Crossnet:${name}?`);
  await page.getByTestId("totp-code").fill("000000");
  await page.getByTestId("totp-confirm").click();
  await expect(page.getByTestId("totp-error")).toBeVisible();
  await page.getByTestId("totp-code").fill(appCode(secret));
  await page.getByTestId("totp-confirm").click();
  const recovery = ((await page.getByTestId("totp-recovery-codes").textContent()) ?? "").trim().split("\n");
  expect(recovery).toHaveLength(10);
  await expect(page.getByTestId("account-totp")).toHaveAttribute("data-enabled", "true");
  await context.close();

  // A code from the next period (the confirmation spent this one): signed in.
  const withCode = await signInWithCode(browser, name, password, appCode(secret, 1));
  await expect(withCode.getByTestId("account-page")).toBeVisible();
  await expect(withCode.getByTestId("nav-user")).toHaveText(name);
  await withCode.context().close();

  // A recovery code works once.
  const withRecovery = await signInWithCode(browser, name, password, recovery[0] ?? "");
  await expect(withRecovery.getByTestId("account-page")).toBeVisible();
  await withRecovery.context().close();
  const reused = await signInWithCode(browser, name, password, recovery[0] ?? "");
  await expect(reused.getByTestId("login-error")).toContainText(/wrong|not right|Wrong/);
  await expect(reused.getByTestId("account-page")).toHaveCount(0);
  await reused.context().close();
});
