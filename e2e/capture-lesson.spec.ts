import type { Page } from "@playwright/test";
import { ARTIFACTS, expect, test } from "./fixtures/test";
import type { LessonPage } from "./pages/lesson-page";
import { labPerDescribe } from "./support/lab";

/**
 * Screenshots of the question in both themes. The lesson page scrolls inside its panels (a full-page
 * shot would show the panel cut off over a blank page), so the window is made tall enough for the
 * whole question first.
 */
async function shots(page: Page, name: string, themes: ("light" | "dark")[] = ["light", "dark"]): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 1400 });
  await page.getByTestId("lesson-question").scrollIntoViewIfNeeded();
  for (const value of themes) {
    await theme(page, value);
    await page.screenshot({ path: `${ARTIFACTS}/${name}-${value}.png` });
  }
  await theme(page, "light");
}

async function theme(page: Page, value: "light" | "dark"): Promise<void> {
  const html = page.locator("html");
  if ((await html.getAttribute("data-theme")) !== value) await page.getByTestId("theme-toggle").click();
  await expect(html).toHaveAttribute("data-theme", value);
}

/** Applies every step before `until` that applies something, in order. */
async function applyUpTo(lesson: LessonPage, steps: string[]): Promise<void> {
  for (const step of steps) {
    await lesson.goToStep(step);
    expect(await lesson.applyStep(), `apply step ${step}`).toBe("done");
  }
}

/**
 * Lesson questions on the packets (issue 15), on the lab: the step traces its ping, shows the hop the
 * question is about with the asked field marked, and judges the answer against what was captured.
 */
test.describe("the 802.1Q question of the macvlan-8021q lesson, in English", () => {
  labPerDescribe("examples/macvlan-8021q.yaml");

  test("trace, read the VLAN id on the wire, a wrong answer then the right one", async ({ page, lesson }) => {
    test.setTimeout(8 * 60_000);
    await lesson.gotoList();
    await lesson.open("macvlan-8021q");
    await lesson.waitForHosts("lab");
    await applyUpTo(lesson, ["trunk", "subinterfaces", "networks", "containers"]);
    await lesson.goToStep("see-the-tag");
    const question = page.getByTestId("lesson-question");
    await expect(question.getByTestId("lesson-question-text")).toHaveText(
      "Which VLAN id does the frame carry when it leaves through the trunk NIC ens33?",
    );
    await question.getByTestId("lesson-question-trace").click();
    await expect(question.getByTestId("trace-result")).toHaveAttribute("data-verdict", "reach", { timeout: 60_000 });
    const hop = question.getByTestId("lesson-question-hop");
    await expect(hop.locator('[data-field="vlan.id"]')).toContainText("10");
    await question.getByTestId("lesson-question-choice-20").check();
    await question.getByTestId("lesson-question-check").click();
    await expect(question).toHaveAttribute("data-verdict", "wrong");
    await expect(question.getByTestId("lesson-question-verdict")).toContainText("the packets at node-1:ens33 show 10");
    await question.getByTestId("lesson-question-choice-10").check();
    await question.getByTestId("lesson-question-check").click();
    await expect(question).toHaveAttribute("data-verdict", "right");
    await expect(question.getByTestId("lesson-takeaway")).toContainText("VLAN 10");
    await shots(page, "lesson-question-vlan");
  });
});

test.describe("the VNI question of the ovs-vxlan lesson, in Chinese", () => {
  test.use({ locale: "zh-CN" });

  labPerDescribe("examples/ovs-vxlan.yaml");

  test("trace through the tunnel, read the VNI from the capture and type it", async ({ page, lesson }) => {
    test.setTimeout(8 * 60_000);
    await lesson.gotoList();
    await lesson.open("ovs-vxlan");
    await lesson.waitForHosts("lab");
    await applyUpTo(lesson, ["bridges", "tunnel", "containers"]);
    await lesson.goToStep("see-the-vni");
    const question = page.getByTestId("lesson-question");
    await expect(question.getByTestId("lesson-question-text")).toHaveText("隧道在 VXLAN 头部里放的 VNI 是多少？");
    await question.getByTestId("lesson-question-trace").click();
    await expect(question.getByTestId("trace-result")).toHaveAttribute("data-verdict", "reach", { timeout: 60_000 });
    const vni = question.getByTestId("lesson-question-hop").locator('[data-field="vxlan.vni"]');
    await expect(vni).toContainText("100");
    // Every hop saw the request and the reply, the containers' own interfaces (eth1, made by ovs-docker) too.
    const hops = question.getByTestId("trace-hop");
    expect(await hops.count()).toBeGreaterThanOrEqual(5);
    await expect(question.locator('[data-testid="trace-hop"]:not([data-state="both"])')).toHaveCount(0);
    await question.getByTestId("lesson-question-input").fill("100");
    await question.getByTestId("lesson-question-check").click();
    await expect(question).toHaveAttribute("data-verdict", "right");
    await expect(question.getByTestId("lesson-question-verdict")).toContainText("正确");
    await shots(page, "lesson-question-vni-zh");
  });
});

test.describe("the VNI and UDP port questions of the overlay-kv lesson, in English", () => {
  labPerDescribe("examples/overlay-kv.yaml");

  test("read the overlay's VNI from the capture, then the outer UDP port", async ({ page, lesson }) => {
    test.setTimeout(8 * 60_000);
    await lesson.gotoList();
    await lesson.open("overlay-kv");
    await lesson.waitForHosts("lab");
    await applyUpTo(lesson, ["kv-store", "network", "containers"]);
    await lesson.goToStep("see-the-vni");
    const question = page.getByTestId("lesson-question");
    await question.getByTestId("lesson-question-trace").click();
    await expect(question.getByTestId("trace-result")).toHaveAttribute("data-verdict", "reach", { timeout: 60_000 });
    const vni = question.getByTestId("lesson-question-hop").locator('[data-field="vxlan.vni"]');
    const value = ((await vni.textContent()) ?? "").match(/\d+/)?.[0] ?? "";
    expect(Number(value)).toBeGreaterThan(0);
    await question.getByTestId("lesson-question-input").fill(String(Number(value) + 1));
    await question.getByTestId("lesson-question-check").click();
    await expect(question).toHaveAttribute("data-verdict", "wrong");
    await question.getByTestId("lesson-question-input").fill(value);
    await question.getByTestId("lesson-question-check").click();
    await expect(question).toHaveAttribute("data-verdict", "right");
    await shots(page, "lesson-question-overlay-vni", ["light"]);

    await lesson.goToStep("see-the-port");
    await question.getByTestId("lesson-question-trace").click();
    await expect(question.getByTestId("trace-result")).toHaveAttribute("data-verdict", "reach", { timeout: 60_000 });
    await question.getByTestId("lesson-question-choice-4789").check();
    await question.getByTestId("lesson-question-check").click();
    await expect(question).toHaveAttribute("data-verdict", "right");
    await expect(question.getByTestId("lesson-takeaway")).toContainText("4789");
  });
});
