import type { Page } from "@playwright/test";
import { expect, test, uniqueName } from "./fixtures/test";
import { bigDesign, recordExpectedRun } from "./support/big-designs";

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 3217}`;

/** The page's `main` landmarks (elements and role=main), as assistive technology finds them. */
async function mains(page: Page): Promise<number> {
  return page.locator('main, [role="main"]').count();
}

/**
 * Every page has exactly one `main` landmark (the root layout's): a page that renders its own main
 * inside it nests two, and screen readers announce both. components/shell/main-landmark.test.ts
 * checks the sources; this checks what the pages render.
 */
test("every page has exactly one main landmark", async ({ page, topologies, browser }) => {
  test.setTimeout(180_000);
  const name = uniqueName("landmarks");
  const runId = recordExpectedRun(bigDesign(`${name}-run`, 2, 1), []);
  await topologies.goto();
  await topologies.create(name, "macvlan");
  const editor = page.url();
  const paths = [
    "/",
    "/topologies",
    new URL(editor).pathname,
    "/runs",
    `/runs/${runId}`,
    "/hosts",
    "/status",
    "/audit",
    "/account",
    "/lessons",
    "/lessons/macvlan",
    "/lessons/macvlan/present",
  ];
  const counts: Record<string, number> = {};
  for (const path of paths) {
    await page.goto(path, { waitUntil: "load" });
    // pages that draw in the browser (editor, lessons) are counted once drawn
    await expect(page.locator("main").first()).not.toBeEmpty();
    await page.waitForTimeout(300);
    counts[path] = await mains(page);
  }
  const signedOut = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const login = await signedOut.newPage();
  await login.goto(`${BASE}/login`);
  await expect(login.getByRole("button").first()).toBeVisible();
  counts["/login"] = await mains(login);
  await signedOut.close();
  expect(counts).toEqual(Object.fromEntries([...paths, "/login"].map((path) => [path, 1])));
});
