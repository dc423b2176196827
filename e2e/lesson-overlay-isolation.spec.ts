import { ARTIFACTS, expect, test } from "./fixtures/test";
import { dockerOn, labPerDescribe } from "./support/lab";

/**
 * The overlay-isolation lesson in Chinese (the browser asks for zh-CN), end to end on the lab: swarm,
 * two overlays, bbox-3 isolated on ov_net2 until `docker network connect`, then a break-and-fix
 * exercise (bbox-3 detached from ov_net1): found from the failed ping's diagnosis and the hosts' drift,
 * named, repaired by Crossnet, and checked on the hosts and by pinging again.
 */
test.describe("the overlay-isolation lesson, in Chinese", () => {
  test.use({ locale: "zh-CN" });
  const lab = labPerDescribe("examples/overlay-isolation.yaml");

  test("isolation, docker network connect, then break and fix", async ({ page, lesson }) => {
    test.setTimeout(10 * 60_000);

    await test.step("the lessons in Chinese, picked from the browser's language", async () => {
      await lesson.gotoList();
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("课程");
      await expect(page.getByTestId("nav-lessons")).toHaveText("课程");
      await expect(lesson.card("overlay-isolation")).toContainText("overlay 网络隔离与 docker network connect");
      await page.screenshot({ path: `${ARTIFACTS}/lessons-list-zh.png` });
      await lesson.open("overlay-isolation");
      await lesson.waitForHosts("lab");
    });

    await test.step("swarm and the two overlays, one step at a time, explained in Chinese", async () => {
      await expect(lesson.stepTitle()).toHaveText("组建 swarm");
      await expect(lesson.commands().first()).toContainText("docker swarm init --advertise-addr 192.168.0.102");
      await expect(lesson.explanations().first()).toContainText("管理节点");
      expect(await lesson.applyStep()).toBe("done");
      await expect(lesson.applyStatus()).toContainText("完成");
      await lesson.goToStep("networks");
      await expect(lesson.commands()).toHaveCount(2);
      expect(await lesson.applyStep()).toBe("done");
    });

    await test.step("bbox-1 and bbox-2 on ov_net1 reach each other across the hosts", async () => {
      await lesson.goToStep("ov-net1");
      expect(await lesson.applyStep()).toBe("done");
      await lesson.predict(0, "reach");
      await lesson.runPings();
      await expect(lesson.ping(0)).toHaveAttribute("data-result", "right");
      await expect(lesson.ping(0)).toContainText("答对了");
      await expect(lesson.expected(0)).toContainText("同属 overlay 网络 ov_net1");
    });

    await test.step("bbox-3 on ov_net2 only: blocked, the overlays are isolated", async () => {
      await lesson.goToStep("bbox-3");
      expect(await lesson.applyStep()).toBe("done");
      await lesson.predict(0, "blocked");
      await lesson.runPings();
      await expect(lesson.ping(0)).toHaveAttribute("data-result", "right");
      await expect(lesson.ping(0)).toHaveAttribute("data-actual", "blocked");
      await expect(lesson.diagnosis(0)).toContainText("ov_net1");
      await expect(lesson.takeaway()).toContainText("不同的 overlay 网络相互隔离");
      await page.screenshot({ path: `${ARTIFACTS}/lesson-overlay-isolated-zh.png`, fullPage: true });
    });

    await test.step("docker network connect ov_net1 bbox-3: it reaches", async () => {
      await lesson.goToStep("connect");
      await expect(lesson.commands()).toHaveText(["docker network connect ov_net1 bbox-3"]);
      expect(await lesson.applyStep()).toBe("done");
      await lesson.predict(0, "reach");
      await lesson.runPings();
      await expect(lesson.ping(0)).toHaveAttribute("data-result", "right");
    });

    await test.step("break: something is changed on a host; the ping fails and says why", async () => {
      await lesson.goToStep("detached");
      await expect(lesson.fault()).toHaveAttribute("data-state", "intact");
      await lesson.injectFault();
      await expect(lesson.fault()).toContainText("主机上有东西坏了");
      const networks = await dockerOn(lab(), "node-2", [
        "inspect",
        "-f",
        "{{json .NetworkSettings.Networks}}",
        "bbox-3",
      ]);
      expect(networks).not.toContain("ov_net1");
      await lesson.predict(0, "blocked");
      await lesson.runPings();
      await expect(lesson.ping(0)).toHaveAttribute("data-actual", "blocked");
      await expect(lesson.diagnosis(0)).toContainText("bbox-3");
      await expect(lesson.diagnosis(0)).toContainText("ov_net1");
    });

    await test.step("find it: the hosts' drift, a wrong answer, then the right one", async () => {
      const drift = await lesson.lookAtHosts();
      await expect(drift).toContainText("container:bbox-3@node-2:ov_net1");
      await expect(drift).toContainText("未接入");
      const wrong = await lesson.answer("wrong-vlan");
      await expect(wrong).toHaveAttribute("data-correct", "false");
      const right = await lesson.answer("container-detached");
      await expect(right).toHaveAttribute("data-correct", "true");
      await expect(lesson.fault()).toHaveAttribute("data-state", "found");
      await expect(lesson.fault().getByTestId("lesson-fault-description")).toContainText("被从 ov_net1 断开了");
      await expect(lesson.fault().getByTestId("lesson-fault-fix")).toContainText(
        "docker network connect ov_net1 bbox-3",
      );
      await page.screenshot({ path: `${ARTIFACTS}/lesson-overlay-fault-found-zh.png`, fullPage: true });
    });

    await test.step("fix: Crossnet repairs it; the check looks at the hosts and pings again", async () => {
      expect(await lesson.repair()).toBe("done");
      await lesson.checkFix();
      await expect(lesson.fault().getByTestId("lesson-fault-onhosts")).toHaveAttribute("data-state", "gone");
      await expect(lesson.ping(0)).toHaveAttribute("data-actual", "reach");
      await expect(lesson.fault()).toContainText("已修复");
      await expect(lesson.navItem("detached")).toHaveAttribute("data-done", "true");
      await page.screenshot({ path: `${ARTIFACTS}/lesson-overlay-fixed-zh.png`, fullPage: true });
    });

    await test.step("the presenter view in Chinese, then the switch to English is kept", async () => {
      await lesson.switchMode();
      await expect(lesson.canvas()).toBeVisible();
      await expect(lesson.matrix()).toBeVisible();
      await page.setViewportSize({ width: 1600, height: 1000 });
      await page.screenshot({ path: `${ARTIFACTS}/lesson-overlay-present-zh.png` });
      await page.getByTestId("locale-switch").click();
      await expect(lesson.stepTitle()).toHaveText("Break and fix: something changed on one host");
      await page.reload();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await expect(lesson.stepTitle()).toHaveText("Break and fix: something changed on one host");
      await page.getByTestId("locale-switch").click();
      await expect(lesson.stepTitle()).toHaveText("排错练习：某台主机上有东西被改动了");
    });
  });
});
