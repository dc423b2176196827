import { randomBytes } from "node:crypto";
import { chromium, type FullConfig } from "@playwright/test";
import { ensureSetupToken } from "../../lib/auth/bootstrap";
import { openStore } from "../../lib/store/open";
import { adminStatePath, E2E_ADMIN } from "./auth";

/**
 * Signs in once for the whole run through the real first-start flow: the harness holds the
 * database (as an operator holds the server console), issues the one-time setup token, and a
 * browser creates the test admin on /setup. The session cookie is saved for every test
 * (playwright.config.ts `storageState`). There is no auth bypass in the product.
 */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const use = config.projects[0]?.use ?? {};
  const baseURL = use.baseURL;
  const db = process.env.E2E_DB;
  if (!baseURL || !db) throw new Error("playwright.config.ts sets baseURL and E2E_DB");
  const opened = openStore({ path: db });
  if (!opened.ok) throw new Error(opened.error.message);
  const setup = ensureSetupToken(opened.value);
  opened.value.close();
  if (setup.status !== "setup-required") throw new Error(`${db} already has an admin: e2e needs a fresh database`);
  const password = `e2e-${randomBytes(18).toString("base64url")}`;
  process.env.E2E_ADMIN_PASSWORD = password;
  const browser = await chromium.launch(use.launchOptions);
  try {
    const page = await browser.newPage({ baseURL });
    await page.goto("/topologies");
    await page.waitForURL(/\/setup$/);
    await page.getByTestId("setup-token").fill(setup.token);
    await page.getByTestId("setup-username").fill(E2E_ADMIN);
    await page.getByTestId("setup-password").fill(password);
    await page.getByTestId("setup-submit").click();
    await page.waitForURL(/\/topologies$/, { timeout: 30_000 });
    await page.context().storageState({ path: adminStatePath() });
  } finally {
    await browser.close();
  }
}
