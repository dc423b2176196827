import { ARTIFACTS, expect, test } from "./fixtures/test";
import { dockerOn, labPerDescribe } from "./support/lab";

/**
 * The macvlan lesson in English, end to end on the lab: each step's commands with their explanations,
 * applied one step at a time; predictions judged against real pings (by IP it reaches, by name "bad
 * address"); replay; the presenter view with the canvas and the matrix; start over.
 */
test.describe("the macvlan lesson, in English", () => {
  const lab = labPerDescribe("examples/macvlan.yaml");

  test("steps, apply one at a time, predict then ping, replay, presenter view, start over", async ({
    page,
    lesson,
  }) => {
    test.setTimeout(8 * 60_000);

    await test.step("the list shows every experiment of the tutorial", async () => {
      await lesson.gotoList();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lessons");
      for (const id of [
        "macvlan",
        "macvlan-8021q",
        "overlay-kv",
        "overlay-swarm",
        "overlay-isolation",
        "bridge-routed",
        "ovs-vxlan",
      ])
        await expect(lesson.card(id)).toBeVisible();
      await page.screenshot({ path: `${ARTIFACTS}/lessons-list-en.png` });
      await lesson.open("macvlan");
      await expect(lesson.title()).toHaveText("macvlan across two hosts");
      await lesson.waitForHosts("lab");
      await expect(lesson.labState()).toHaveAttribute("data-state", "up");
    });

    await test.step("step 1: promiscuous mode, with the command and why", async () => {
      await expect(lesson.stepTitle()).toHaveText("The parent NIC in promiscuous mode");
      await expect(lesson.commands().first()).toContainText("ip link set ens33 promisc on");
      await expect(lesson.explanations().first()).toContainText("promiscuous mode");
      expect(await lesson.applyStep()).toBe("done");
      await page.screenshot({ path: `${ARTIFACTS}/lesson-macvlan-step1-en.png` });
    });

    await test.step("step 2: the network on both hosts, and only that", async () => {
      await lesson.goToStep("network");
      await expect(lesson.commands()).toHaveCount(2);
      await expect(lesson.commands().first()).toContainText("docker network create -d macvlan");
      await expect(lesson.commands().first()).toContainText("-o parent=ens33");
      expect(await lesson.applyStep()).toBe("done");
      await expect(lesson.applyStatus()).toContainText("2 command(s) ran");
      expect(await dockerOn(lab(), "node-1", ["network", "ls", "--format", "{{.Name}}"])).toContain("mac_net1");
      expect(
        (await dockerOn(lab(), "node-1", ["ps", "-aq", "--filter", "label=crossnet.topology=macvlan"])).trim(),
      ).toBe("");
    });

    await test.step("step 3: the containers, with fixed addresses", async () => {
      await lesson.goToStep("containers");
      await expect(lesson.commands().first()).toContainText("--ip 10.0.0.11");
      expect(await lesson.applyStep()).toBe("done");
      await expect(lesson.navItem("containers")).toHaveAttribute("data-done", "true");
    });

    await test.step("step 4: predict, then ping: by IP right, by name wrong (it says bad address)", async () => {
      await lesson.goToStep("ping");
      await expect(lesson.pingButton()).toBeDisabled();
      await lesson.predict(0, "reach");
      await expect(lesson.pingButton()).toBeDisabled();
      await lesson.predict(1, "reach");
      await lesson.runPings();
      await expect(lesson.ping(0)).toHaveAttribute("data-result", "right");
      await expect(lesson.ping(0)).toHaveAttribute("data-actual", "reach");
      await expect(lesson.ping(1)).toHaveAttribute("data-result", "wrong");
      await expect(lesson.ping(1)).toHaveAttribute("data-actual", "bad-address");
      await expect(lesson.ping(1)).toContainText("bad address 'bbox-2'");
      await expect(lesson.expected(1)).toContainText("no DNS across hosts on macvlan");
      await expect(lesson.takeaway()).toContainText("Docker's DNS only knows the containers of its own host");
      await page.screenshot({ path: `${ARTIFACTS}/lesson-macvlan-ping-en.png`, fullPage: true });
    });

    await test.step("replay clears the predictions; predicting right this time", async () => {
      await lesson.replay();
      await expect(lesson.ping(0)).toHaveAttribute("data-result", "pending");
      await expect(lesson.pingButton()).toBeDisabled();
      await lesson.predict(0, "reach");
      await lesson.predict(1, "bad-address");
      await lesson.runPings();
      await expect(lesson.ping(1)).toHaveAttribute("data-result", "right");
      await expect(lesson.navItem("ping")).toHaveAttribute("data-done", "true");
    });

    await test.step("the presenter view: large, the canvas and the matrix side by side, progress kept", async () => {
      await lesson.switchMode();
      await expect(lesson.root()).toHaveAttribute("data-mode", "present");
      await expect(lesson.canvas()).toBeVisible();
      await expect(lesson.canvas().getByTestId("canvas-node-container-bbox-1")).toBeVisible();
      await expect(lesson.canvas().getByTestId("canvas-edge-attach-bbox-1->mac_net1")).toBeAttached();
      await expect(lesson.matrix()).toBeVisible();
      await expect(lesson.matrixCell("bbox-1", "bbox-2", "ip")).toHaveAttribute("data-verdict", "pass");
      await expect(lesson.step()).toHaveAttribute("data-step", "ping");
      await expect(lesson.ping(1)).toHaveAttribute("data-result", "right");
      await page.setViewportSize({ width: 1600, height: 1000 });
      await page.screenshot({ path: `${ARTIFACTS}/lesson-macvlan-present-en.png` });
      await lesson.switchMode();
      await expect(lesson.root()).toHaveAttribute("data-mode", "guide");
    });

    await test.step("start over: what the lesson created is removed, progress cleared", async () => {
      await lesson.reset();
      await expect(lesson.hostsMessage()).toContainText("Started over", { timeout: 120_000 });
      await expect(lesson.step()).toHaveAttribute("data-step", "promisc");
      expect(
        (await dockerOn(lab(), "node-1", ["ps", "-aq", "--filter", "label=crossnet.topology=macvlan"])).trim(),
      ).toBe("");
    });
  });
});
