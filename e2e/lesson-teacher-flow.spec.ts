import { hostExec } from "../lib/lab/index";
import { ARTIFACTS, expect, test } from "./fixtures/test";
import { LessonPage } from "./pages/lesson-page";
import { themeAndLanguage } from "./support/appearance";
import { labPerDescribe } from "./support/lab";

/**
 * A teacher in front of a class, on the lab: the macvlan lesson built step by step in the guided view,
 * then its break-and-fix. The fault (ens33 of node-2 taken down) survives a reload, the presenter view
 * opened in another tab shows the same step and the same fault, follows the guided view live (pings,
 * answers, the fix) and is driven from its own keyboard. Screenshots of both views in both themes and
 * both languages: the presenter at 1920×1080, the guided view at 1440×900.
 */

/** `ip link show` of a NIC on a lab host, as a person on that host would read it. */
async function linkOn(host: string, nic: string): Promise<string> {
  const result = await hostExec(host, ["ip", "-o", "link", "show", nic], { timeoutMs: 30_000 });
  if (result.code !== 0) throw new Error(`${host}: ip link show ${nic}: ${result.stderr}`);
  return result.stdout;
}

test.describe("the teacher flow: guided view, reload, presenter view", () => {
  labPerDescribe("examples/macvlan.yaml");

  test("start a lesson, break, reload, the presenter shows the same fault, fix, check", async ({
    page,
    lesson,
    context,
  }) => {
    test.setTimeout(10 * 60_000);
    await page.setViewportSize({ width: 1440, height: 900 });

    await test.step("start the lesson: the first three steps applied, each checked off", async () => {
      await lesson.gotoList();
      await lesson.open("macvlan");
      await lesson.waitForHosts("lab");
      expect(await lesson.applyStep()).toBe("done");
      for (const id of ["network", "containers"]) {
        await lesson.goToStep(id);
        expect(await lesson.applyStep()).toBe("done");
      }
      for (const id of ["promisc", "network", "containers"])
        await expect(lesson.navItem(id)).toHaveAttribute("data-done", "true");
    });

    await test.step("the break-and-fix step's title does not give the answer away", async () => {
      await lesson.goToStep("break-and-fix");
      await expect(lesson.stepTitle()).toHaveText("Break and fix: something changed on one host");
    });

    await test.step("break: the NIC is down on the lab", async () => {
      await lesson.injectFault();
      expect(await linkOn("node-2", "ens33")).toMatch(/state DOWN/);
    });

    await test.step("reload: the same step, the fault still broken (not offered again), the check marks kept", async () => {
      await page.reload();
      await expect(lesson.step()).toHaveAttribute("data-step", "break-and-fix");
      await expect(lesson.fault()).toHaveAttribute("data-state", "broken");
      await expect(lesson.fault().getByTestId("lesson-fault-inject")).toHaveCount(0);
      for (const id of ["promisc", "network", "containers"])
        await expect(lesson.navItem(id)).toHaveAttribute("data-done", "true");
    });

    const presenterPage = await context.newPage();
    const presenter = new LessonPage(presenterPage);
    await test.step("the presenter view (another tab) shows the same step and the same fault, without the nav bar", async () => {
      await presenterPage.setViewportSize({ width: 1920, height: 1080 });
      await presenterPage.goto("/lessons/macvlan/present");
      await expect(presenter.root()).toHaveAttribute("data-mode", "present");
      await expect(presenter.root()).toHaveAttribute("data-following", "true");
      await expect(presenter.step()).toHaveAttribute("data-step", "break-and-fix");
      await expect(presenter.fault()).toHaveAttribute("data-state", "broken");
      await expect(presenterPage.getByTestId("nav-home")).toBeHidden();
      await expect(presenter.canvas().getByTestId("canvas-node-container-bbox-2")).toBeVisible();
    });

    await test.step("the student predicts and pings in the guided view: the presenter follows live", async () => {
      await lesson.predict(0, "blocked");
      await expect(presenter.step().getByTestId("lesson-predict-0-blocked")).toBeChecked();
      await lesson.runPings();
      await expect(lesson.ping(0)).toHaveAttribute("data-actual", "blocked");
      await expect(lesson.ping(0)).toHaveAttribute("data-result", "right");
      await expect(presenter.ping(0)).toHaveAttribute("data-result", "right");
      await expect(presenter.matrixCell("bbox-1", "bbox-2", "ip")).toHaveAttribute("data-verdict", "fail");
    });

    await test.step("the presenter's own keyboard: ← and → move both views", async () => {
      await presenterPage.keyboard.press("ArrowLeft");
      await expect(presenter.step()).toHaveAttribute("data-step", "ping");
      await expect(lesson.step()).toHaveAttribute("data-step", "ping");
      await presenterPage.keyboard.press("ArrowRight");
      await expect(presenter.step()).toHaveAttribute("data-step", "break-and-fix");
      await expect(lesson.step()).toHaveAttribute("data-step", "break-and-fix");
    });

    await test.step("name it, fix it, check: the presenter shows it fixed", async () => {
      const drift = await lesson.lookAtHosts();
      await expect(drift).toContainText("nic:ens33@node-2");
      await expect(await lesson.answer("link-down")).toHaveAttribute("data-correct", "true");
      await expect(presenter.fault()).toHaveAttribute("data-state", "found");
      expect(await lesson.repair()).toBe("done");
      expect(await linkOn("node-2", "ens33")).not.toMatch(/state DOWN/);
      await lesson.checkFix();
      await expect(lesson.ping(0)).toHaveAttribute("data-actual", "reach");
      await expect(presenter.fault()).toHaveAttribute("data-state", "fixed");
      await expect(presenter.matrixCell("bbox-1", "bbox-2", "ip")).toHaveAttribute("data-verdict", "pass");
      await expect(lesson.navItem("break-and-fix")).toHaveAttribute("data-done", "true");
    });

    await test.step("screenshots: presenter at 1920×1080, guided view at 1440×900, both themes, both languages", async () => {
      for (const [theme, language] of [
        ["light", "en"],
        ["dark", "en"],
        ["light", "zh"],
        ["dark", "zh"],
      ] as const) {
        await themeAndLanguage(page, theme, language);
        await expect(lesson.fault()).toHaveAttribute("data-state", "fixed");
        await page.screenshot({ path: `${ARTIFACTS}/lesson-guided-1440-${theme}-${language}.png` });
        await presenterPage.reload();
        await expect(presenterPage.locator("html")).toHaveAttribute("data-theme", theme);
        await expect(presenter.fault()).toHaveAttribute("data-state", "fixed");
        await expect(presenter.matrixCell("bbox-1", "bbox-2", "ip")).toBeVisible();
        await presenterPage.screenshot({ path: `${ARTIFACTS}/lesson-present-1920-${theme}-${language}.png` });
      }
      await themeAndLanguage(page, "light", "en");
    });

    await test.step("the presenter's own keyboard: B breaks the step again, P pings it, and the guided view shows both", async () => {
      await presenterPage.reload();
      await expect(presenter.root()).toHaveAttribute("data-following", "true");
      await presenter.replay();
      await expect(presenter.fault()).toHaveAttribute("data-state", "intact");
      await presenterPage.locator("body").press("b");
      await expect(presenter.fault()).toHaveAttribute("data-state", "broken", { timeout: 60_000 });
      await expect(lesson.fault()).toHaveAttribute("data-state", "broken");
      expect(await linkOn("node-2", "ens33")).toMatch(/state DOWN/);
      // P pings the step from the presenter: the matrix, in both views, shows the cell fail.
      await presenterPage.locator("body").press("p");
      await expect(presenter.step().getByTestId("lesson-ping-status")).toHaveAttribute("data-status", "done", {
        timeout: 120_000,
      });
      await expect(presenter.matrixCell("bbox-1", "bbox-2", "ip")).toHaveAttribute("data-verdict", "fail");
      await expect(lesson.matrixCell("bbox-1", "bbox-2", "ip")).toHaveAttribute("data-verdict", "fail");
      await expect(await lesson.answer("link-down")).toHaveAttribute("data-correct", "true");
      expect(await lesson.repair()).toBe("done");
      expect(await linkOn("node-2", "ens33")).not.toMatch(/state DOWN/);
    });

    await test.step("start over, so the next test finds the lesson fresh", async () => {
      await lesson.reset();
      await expect(lesson.hostsMessage()).toContainText("Started over", { timeout: 120_000 });
      await expect(lesson.step()).toHaveAttribute("data-step", "promisc");
      await expect(presenter.step()).toHaveAttribute("data-step", "promisc");
    });
    await presenterPage.close();
  });
});
