import type { Page } from "@playwright/test";
import { expect, test, uniqueName } from "./fixtures/test";
import { HostsPage } from "./pages/hosts-page";
import { cspProblems, expectStrictHeaders } from "./support/csp";

/**
 * Finding 8: every page is served with a strict, nonce-based Content-Security-Policy and still
 * works: no CSP violation in the console on any page, Next's own scripts carry the nonce, and the
 * editor's React Flow canvas draws and drags.
 */

/** Opens `path` and checks its security headers (support/csp.ts). */
async function expectStrictCsp(page: Page, path: string): Promise<void> {
  await expectStrictHeaders(page, await page.goto(path), path);
}

test("every page has a nonce CSP and no CSP errors, and the editor's canvas works under it", async ({
  page,
  topologies,
  canvas,
}) => {
  const problems = cspProblems(page);
  for (const path of ["/topologies", "/hosts", "/runs", "/audit", "/status", "/lessons", "/account"]) {
    await expectStrictCsp(page, path);
    await page.waitForLoadState("networkidle");
  }
  const name = uniqueName("csp");
  await topologies.goto();
  await topologies.create(name, "overlay-isolation");
  await expect(canvas.node("host", "node-2")).toBeVisible();
  const node = canvas.node("container", "bbox-3");
  await expect(node).toBeVisible();
  const before = await node.boundingBox();
  const box = before ?? { x: 0, y: 0, width: 0, height: 0 };
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 30, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await node.boundingBox())?.x).not.toBe(before?.x);
  await expectStrictCsp(page, page.url());
  await page.goto("/lessons");
  const lesson = page.locator('a[href^="/lessons/"]').first();
  if (await lesson.count()) {
    const href = (await lesson.getAttribute("href")) ?? "/lessons";
    await expectStrictCsp(page, href);
    await page.waitForLoadState("networkidle");
    await expectStrictCsp(page, `${href.replace(/\/present$/, "")}/present`);
    await page.waitForLoadState("networkidle");
  }
  expect(problems).toEqual([]);
});

test("sign-in and setup pages have the CSP too, without a session", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const problems = cspProblems(page);
  await expectStrictCsp(page, "/login");
  await page.waitForLoadState("networkidle");
  await expectStrictCsp(page, "/setup");
  await page.waitForLoadState("networkidle");
  expect(problems).toEqual([]);
  await context.close();
});

test("a run's page and the run comparison have the CSP too, with no CSP errors", async ({
  page,
  topologies,
  apply,
}) => {
  const problems = cspProblems(page);
  // An empty design applied on an empty inventory: a real run, with nothing to do on any host.
  const inventory = uniqueName("cspinv");
  const hosts = new HostsPage(page);
  await hosts.goto();
  await hosts.createInventory(inventory);
  await topologies.goto();
  await topologies.create(uniqueName("csprun"));
  await apply.open();
  await apply.chooseInventory(inventory);
  await apply.apply();
  const run = (await apply.root().getByTestId("apply-run-link").getAttribute("href")) ?? "";
  expect(run).toMatch(/^\/runs\/[^/]+$/);
  await expectStrictCsp(page, run);
  await page.waitForLoadState("networkidle");
  const id = run.split("/").pop() ?? "";
  await expectStrictCsp(page, `/runs/compare?a=${id}&b=${id}`);
  await page.waitForLoadState("networkidle");
  expect(problems).toEqual([]);
});
