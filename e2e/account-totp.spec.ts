import type { Browser, Locator, Page } from "@playwright/test";
import jsQR from "jsqr";
import { Secret, TOTP } from "otpauth";
import { expect, test, uniqueName } from "./fixtures/test";
import { LoginPage } from "./pages/login-page";
import { addUser } from "./support/users";

/**
 * Peer feature: TOTP two-factor sign-in for admins. Enrolment on the account page shows a QR code
 * and the secret once and needs a first code; from then on the password alone does not sign in, a
 * current code does, and each recovery code works once.
 */

/**
 * What a phone camera reads off the QR code as drawn: a screenshot of it, turned into pixels by the
 * browser's own PNG decoder, then read by jsQR (an independent QR reader).
 */
async function scanQr(page: Page, qr: Locator): Promise<string | null> {
  const png = await qr.screenshot();
  const frame = await page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext("2d");
    if (!context) throw new Error("no 2d context");
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    return { width: bitmap.width, height: bitmap.height, data: Array.from(data) };
  }, png.toString("base64"));
  return jsQR(Uint8ClampedArray.from(frame.data), frame.width, frame.height)?.data ?? null;
}

function cspProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (?:execute|load|apply|connect|evaluate)/i.test(message.text()))
      problems.push(message.text());
  });
  return problems;
}

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
  const problems = cspProblems(page);
  const login = new LoginPage(page);
  await login.goto("/account");
  await login.signIn(name, password);
  await expect(page.getByTestId("account-totp")).toHaveAttribute("data-enabled", "false");
  await page.getByTestId("totp-start").click();
  const secret = (await page.getByTestId("totp-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByTestId("totp-uri")).toContainText(`otpauth://totp/Crossnet:${name}?`);
  const uri = (await page.getByTestId("totp-uri").textContent())?.trim() ?? "";
  expect(uri).toContain(`secret=${secret}`);
  // The QR code an authenticator app scans holds exactly this URI.
  const qr = page.getByTestId("totp-qr");
  await expect(qr).toBeVisible();
  expect(await scanQr(page, qr)).toBe(uri);
  await page.getByTestId("totp-code").fill("000000");
  await page.getByTestId("totp-confirm").click();
  await expect(page.getByTestId("totp-error")).toBeVisible();
  await page.getByTestId("totp-code").fill(appCode(secret));
  await page.getByTestId("totp-confirm").click();
  const recovery = ((await page.getByTestId("totp-recovery-codes").textContent()) ?? "").trim().split("\n");
  expect(recovery).toHaveLength(10);
  await expect(page.getByTestId("account-totp")).toHaveAttribute("data-enabled", "true");
  await expect(page.getByTestId("totp-qr")).toHaveCount(0);
  expect(problems).toEqual([]);
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
