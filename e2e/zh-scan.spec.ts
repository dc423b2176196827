import { readdirSync, readFileSync } from "node:fs";
import { LOCALE_COOKIE } from "../lib/i18n/request-locale";
import { ARTIFACTS, expect, test, uniqueName } from "./fixtures/test";
import { E2E_ADMIN } from "./support/auth";
import { labPerDescribe } from "./support/lab";
import { dataWords, designWords, scanZh, ZH_ALLOWED_WORDS, type ZhFinding } from "./support/zh-scan";

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 3217}`;
/** Every design a page can show: the examples (the template list) and the lessons. */
const DESIGNS = ["examples", "lessons"].flatMap((dir) =>
  readdirSync(dir)
    .filter((file) => file.endsWith(".yaml"))
    .map((file) => `${dir}/${file}`),
);

/**
 * Every page reachable from the nav, rendered in zh-CN, holds no English: the visible text is
 * scanned for Latin words that are not on the allow-list (product, protocol and command names, the
 * design's own names) and for ASCII punctuation set against Chinese. The run page is a real ping
 * run on the lab (by IP and by name, so bad-address cells are there too).
 */
test.describe("no English in the Chinese interface", () => {
  test.use({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });

  const lab = labPerDescribe("examples/macvlan.yaml");

  test("scan the zh-CN pages for English", async ({ page, context, browser, topologies, apply, testPanel }) => {
    test.setTimeout(10 * 60_000);
    expect(lab().state).toBe("up");
    await context.addCookies([{ name: LOCALE_COOKIE, value: "zh-CN", url: BASE }]);
    const allowed = new Set<string>([...ZH_ALLOWED_WORDS, E2E_ADMIN]);
    /** Names other specs left in the shared database, read again before each page (they are data). */
    const allowData = () => {
      for (const word of dataWords(process.env.E2E_DB ?? "")) allowed.add(word);
    };
    for (const file of DESIGNS) {
      for (const word of designWords(readFileSync(file, "utf8"))) allowed.add(word);
      // a template is listed by its id, the file's name
      allowed.add(file.replace(/^.*\//, "").replace(/\.yaml$/, ""));
    }
    /** Topology names are the users' own words: allowed as they are listed on /topologies. */
    const allowTopologyNames = async () => {
      const ids = await page
        .locator('[data-testid^="topologies-row-"]')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-testid") ?? ""));
      for (const id of ids) allowed.add(id.replace(/^topologies-row-/, ""));
    };
    const findings: ZhFinding[] = [];
    const scan = async (label: string) => {
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
      allowData();
      findings.push(...(await scanZh(page, label, allowed)));
    };

    await test.step("topologies list and the editor with an example", async () => {
      const name = uniqueName("zh");
      allowed.add(name);
      await topologies.goto();
      await allowTopologyNames();
      await scan("topologies");
      await topologies.create(name, "macvlan");
      await scan("editor: canvas and inspector");
      for (const tab of ["yaml", "plan", "apply", "test"]) {
        await page.getByTestId(`tab-${tab}`).click();
        await scan(`editor: ${tab} tab`);
      }
    });

    await test.step("apply on the lab and run the matrix by IP and by name", async () => {
      await apply.applyOn("lab");
      await scan("editor: apply done");
      await testPanel.open();
      await testPanel.by("both");
      await testPanel.run();
      await testPanel.waitForDone(180_000);
      await scan("editor: test matrix");
      await testPanel.openCell("bbox-1", "bbox-2", "name");
      await expect(testPanel.details().getByTestId("cell-details-replies")).toContainText("名字无法解析");
      await scan("editor: a bad-address cell");
      await page.screenshot({ path: `${ARTIFACTS}/zh-editor-bad-address.png` });
      await testPanel.openCell("bbox-1", "bbox-2", "ip");
      await scan("editor: a reached cell");
      await page.screenshot({ path: `${ARTIFACTS}/zh-editor-matrix.png` });
    });

    await test.step("runs, a run page, hosts, status, audit", async () => {
      await page.goto("/runs");
      await scan("runs");
      const run = page.locator('a[href^="/runs/"]').filter({ hasNotText: /^$/ }).first();
      await run.click();
      await page.waitForURL(/\/runs\/[0-9a-f-]{36}/);
      await scan("a run page");
      await page.screenshot({ path: `${ARTIFACTS}/zh-run.png` });
      for (const path of ["/hosts", "/status", "/audit"]) {
        await page.goto(path);
        await scan(path);
      }
    });

    await test.step("lessons and a lesson", async () => {
      await page.goto("/lessons");
      await scan("lessons");
      await page.locator('[data-testid^="lesson-card-"]').first().click();
      await expect(page.getByTestId("lesson")).toBeVisible();
      await scan("a lesson");
    });

    await test.step("the sign-in page, signed out", async () => {
      const signedOut = await browser.newContext({ storageState: { cookies: [], origins: [] }, locale: "zh-CN" });
      const other = await signedOut.newPage();
      await other.goto(`${BASE}/login`);
      await expect(other.locator("html")).toHaveAttribute("lang", "zh-CN");
      findings.push(...(await scanZh(other, "login", allowed)));
      await signedOut.close();
    });

    const report = findings.map((f) => `${f.page} | ${f.where} | ${f.words.join(", ")} | ${f.text}`);
    test.info().annotations.push({ type: "zh findings", description: String(findings.length) });
    expect(report, "English or ASCII punctuation on zh-CN pages").toEqual([]);
  });
});
