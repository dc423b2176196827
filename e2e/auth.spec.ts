import { randomBytes, randomUUID } from "node:crypto";
import { expect, test, uniqueName } from "./fixtures/test";
import { E2E_ADMIN } from "./support/auth";
import { addUser } from "./support/users";

const SIGNED_OUT = { cookies: [], origins: [] };

function adminPassword(): string {
  const password = process.env.E2E_ADMIN_PASSWORD;
  if (!password) throw new Error("the global setup sets E2E_ADMIN_PASSWORD");
  return password;
}

test.describe("signed out", () => {
  test.use({ storageState: SIGNED_OUT });

  test("every page sends the browser to sign-in; route handlers answer 401; setup is closed", async ({ page }) => {
    for (const path of ["/topologies", "/hosts", "/runs", "/audit"]) {
      await page.goto(path);
      await expect(page).toHaveURL(new RegExp(`/login\\?next=${encodeURIComponent(path).replace(/\//g, "\\/")}`));
      await expect(page.getByTestId("login-page")).toBeVisible();
    }
    for (const path of [
      "/audit/export?format=csv",
      `/api/runs/${randomUUID()}/events`,
      `/topologies/${randomUUID()}/export?format=yaml`,
    ]) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(401);
    }
    await page
      .context()
      .addCookies([{ name: "crossnet_session", value: randomBytes(32).toString("base64url"), url: page.url() }]);
    expect((await page.request.get("/audit/export?format=csv", { maxRedirects: 0 })).status()).toBe(401);
    await page.goto("/setup");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("wrong passwords are refused and rate-limited; a good sign-in sets an HttpOnly SameSite=Strict cookie", async ({
    page,
    login,
  }) => {
    const name = uniqueName("rate");
    const password = await addUser(name, "operator");
    await login.goto("/audit");
    for (let i = 0; i < 5; i++) {
      await expect(await login.refused(name, `wrong-${i}-password`)).toHaveText(/wrong user name or password/i);
    }
    await expect(await login.refused(name, password)).toContainText(/too many failed sign-ins/i);

    await login.signIn(E2E_ADMIN, adminPassword());
    await expect(page).toHaveURL(/\/audit$/);
    await expect(page.getByTestId("nav-user")).toHaveText(E2E_ADMIN);
    const cookie = (await page.context().cookies()).find((c) => c.name === "crossnet_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
    expect(await page.evaluate(() => document.cookie)).not.toContain("crossnet_session");
  });

  test("signing out ends the session on the server, not only in the browser", async ({ page, login }) => {
    await login.goto();
    await login.signIn(E2E_ADMIN, adminPassword());
    await page.waitForURL(/\/topologies$/);
    const cookie = (await page.context().cookies()).find((c) => c.name === "crossnet_session");
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await login.signOut();
    await page.context().addCookies([{ name: "crossnet_session", value: cookie?.value ?? "", url: page.url() }]);
    expect((await page.request.get("/audit/export?format=csv", { maxRedirects: 0 })).status()).toBe(401);
  });

  test("a viewer reads pages but every change is refused by the server", async ({ page, login, topologies }) => {
    const name = uniqueName("viewer");
    const password = await addUser(name, "viewer");
    await login.goto();
    await login.signIn(name, password);
    await page.waitForURL(/\/topologies$/);
    await topologies.page.getByTestId("topologies-new-name").fill(uniqueName("by-viewer"));
    await topologies.page.getByTestId("topologies-create").click();
    await expect(page.getByTestId("topologies-new-error")).toContainText(
      `this needs the operator role; ${name} is viewer`,
    );
    await page.goto("/hosts");
    await page.getByTestId("new-inventory-name").fill(uniqueName("inv"));
    await page.getByTestId("new-inventory-create").click();
    await expect(page.getByTestId("new-inventory").getByRole("alert")).toContainText("needs the operator role");
    await page.goto("/audit");
    await expect(page.getByTestId("audit-verify")).toHaveAttribute("data-status", "ok");
  });
});

test("a server action replayed without an Origin, or from another origin, is refused", async ({ page, topologies }) => {
  await topologies.goto();
  const sent = page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
  await topologies.page.getByTestId("topologies-new-name").fill(uniqueName("csrf"));
  await topologies.page.getByTestId("topologies-create").click();
  const action = await sent;
  const headers = await action.allHeaders();
  const replay = (extra: Record<string, string>) =>
    page.request.post(action.url(), {
      headers: {
        "next-action": headers["next-action"] ?? "",
        "content-type": headers["content-type"] ?? "text/plain;charset=UTF-8",
        accept: "text/x-component",
        ...extra,
      },
      data: action.postData() ?? "",
      maxRedirects: 0,
    });
  const withoutOrigin = await replay({});
  expect(await withoutOrigin.text()).toContain("the request has no Origin header");
  const crossSite = await replay({ origin: "https://evil.example" });
  expect(await crossSite.text()).not.toContain('"ok":true');
  expect(crossSite.status() >= 400 || (await crossSite.text()).includes("does not match host")).toBe(true);
});
