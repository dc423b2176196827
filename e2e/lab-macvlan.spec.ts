import { readFileSync } from "node:fs";
import { ARTIFACTS, expect, test, uniqueName } from "./fixtures/test";
import { buildMacvlanByHand } from "./flows/build-macvlan";
import { RunsPage } from "./pages/runs-page";
import { dockerOn, labPerDescribe } from "./support/lab";

/**
 * The tutorial's macvlan experiment end to end on the real lab: drawn by hand, planned against the
 * hosts, applied, tested (by IP it reaches, by name `bad address`), broken by hand (a container
 * stopped over its host's Docker socket), diagnosed, repaired, compared in the history, destroyed.
 */
test.describe("macvlan on the lab", () => {
  const lab = labPerDescribe("examples/macvlan.yaml");

  test("build by hand, plan, apply, test, break, diagnose, repair, compare, destroy", async ({
    page,
    topologies,
    palette,
    canvas,
    inspector,
    issues,
    apply,
    testPanel,
    runs,
  }) => {
    test.setTimeout(8 * 60_000);
    const name = uniqueName("macvlan");

    await test.step("build the design by mouse and keyboard", async () => {
      await topologies.goto();
      await topologies.create(name);
      await buildMacvlanByHand({ palette, canvas, inspector, issues });
    });
    const editorUrl = page.url();

    await test.step("the plan against the observed hosts, grouped by host, with explanations", async () => {
      await apply.open();
      await apply.chooseInventory("lab");
      await apply.planAgainstHosts();
      await expect(apply.planHost("node-1")).toBeVisible();
      await expect(apply.planHost("node-2")).toBeVisible();
      await expect(apply.planHost("node-1")).toContainText("docker network create -d macvlan");
      await expect(apply.planHost("node-1")).toContainText("--ip 10.0.0.11");
      await expect(apply.planHost("node-2")).toContainText("--ip 10.0.0.12");
      await expect(apply.planHost("node-1")).toContainText("macvlan");
      await expect(apply.planSummary()).toContainText("to add");
      await expect(apply.drift()).toContainText("missing");
      await expect(canvas.node("container", "bbox-1").getByTestId("canvas-node-container-bbox-1-drift")).toHaveText(
        "missing",
      );
      await page.screenshot({ path: `${ARTIFACTS}/editor-apply-plan.png` });
    });

    await test.step("apply: the log streams per host, and the hosts then match", async () => {
      const applied = await apply.applyUntilDone();
      for (const text of applied.retried) test.info().annotations.push({ type: "applied again", description: text });
      expect(applied.status).toBe("done");
      await expect(apply.log()).toBeVisible();
      await expect(apply.logHost("node-1")).toHaveAttribute("data-status", "done");
      await expect(apply.logHost("node-2")).toHaveAttribute("data-status", "done");
      await expect(apply.logSteps("node-1").first()).toHaveAttribute("data-status", "ok");
      await expect(apply.result()).toContainText("the hosts match the design");
      await expect(canvas.node("container", "bbox-1")).toHaveAttribute("data-drift", "none");
      await page.screenshot({ path: `${ARTIFACTS}/editor-apply-done.png` });
    });

    let fullRun = "";
    await test.step("the matrix: by IP it reaches, by name 'bad address', both as expected", async () => {
      await testPanel.open();
      await testPanel.run();
      await testPanel.waitForDone();
      await expect(testPanel.summary()).toContainText("4 pass");
      await expect(testPanel.summary()).toContainText("0 fail");
      await expect(testPanel.cell("bbox-1", "bbox-2", "ip")).toHaveAttribute("data-verdict", "pass");
      await expect(testPanel.cell("bbox-1", "bbox-2", "ip")).toHaveAttribute("data-tone", /^reach/);
      await expect(testPanel.cell("bbox-1", "bbox-2", "name")).toHaveAttribute("data-verdict", "pass");
      await expect(testPanel.cell("bbox-1", "bbox-2", "name")).toHaveText("bad address");
      await testPanel.openCell("bbox-1", "bbox-2", "name");
      await expect(testPanel.detail("expected")).toContainText("blocked");
      await expect(testPanel.detail("error")).toContainText("bad address 'bbox-2'");
      await expect(testPanel.detail("command")).toContainText("ping");
      await expect(testPanel.detail("raw")).toContainText("bad address");
      await page.screenshot({ path: `${ARTIFACTS}/editor-test-matrix.png` });
      await page.getByTestId("theme-toggle").click();
      await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
      await page.screenshot({ path: `${ARTIFACTS}/editor-test-matrix-dark.png` });
      await page.getByTestId("theme-toggle").click();
      const download = page.waitForEvent("download");
      await testPanel.exportButton("csv").click();
      const csv = readFileSync(await (await download).path(), "utf8");
      expect(csv.split("\r\n")[0]).toContain("from,to,by,target");
      expect(csv).toContain("bad address 'bbox-2'");
      fullRun = RunsPage.idFromHref(await testPanel.runLink().getAttribute("href"));
    });

    let brokenRun = "";
    await test.step("a container stopped by hand: the failed cells say why", async () => {
      await dockerOn(lab(), "node-2", ["stop", "-t", "0", "bbox-2"]);
      await testPanel.run();
      await testPanel.waitForDone();
      await expect(testPanel.cell("bbox-1", "bbox-2", "ip")).toHaveAttribute("data-verdict", "fail");
      await testPanel.openCell("bbox-1", "bbox-2", "ip");
      await expect(testPanel.detail("diagnosis")).toContainText("bbox-2 is not running");
      await expect(testPanel.detail("expected")).toContainText("reach");
      await expect(canvas.node("container", "bbox-2")).toHaveAttribute("data-failed", "true");
      await page.screenshot({ path: `${ARTIFACTS}/editor-test-failure.png` });
      brokenRun = RunsPage.idFromHref(await testPanel.runLink().getAttribute("href"));
    });

    await test.step("drift on the canvas, apply repairs it, re-running the failed cells passes", async () => {
      await apply.open();
      await apply.planAgainstHosts();
      await expect(apply.drift()).toContainText("1 changed");
      await expect(apply.planHost("node-2")).toContainText("docker start bbox-2");
      await expect(canvas.node("container", "bbox-2").getByTestId("canvas-node-container-bbox-2-drift")).toHaveText(
        "changed",
      );
      await page.screenshot({ path: `${ARTIFACTS}/editor-drift.png` });
      const repaired = await apply.applyUntilDone();
      for (const text of repaired.retried) test.info().annotations.push({ type: "applied again", description: text });
      expect(repaired.status).toBe("done");
      await testPanel.open();
      await testPanel.rerunFailed();
      await testPanel.waitForDone();
      await expect(testPanel.summary()).toContainText("4 pass");
      await expect(testPanel.summary()).toContainText("0 fail");
    });

    await test.step("history: every run with its version; an old matrix; which cells changed", async () => {
      await runs.goto();
      await expect(runs.rows("apply", name)).toHaveCount(2);
      await expect(runs.rows("ping", name)).toHaveCount(3);
      await page.screenshot({ path: `${ARTIFACTS}/runs-list.png` });
      await runs.open(brokenRun);
      await expect(page.getByTestId("run-page")).toContainText(`${name} v`);
      await runs.storedCell("bbox-1", "bbox-2", "ip").click();
      await expect(runs.storedDetails()).toContainText("bbox-2 is not running");
      await page.screenshot({ path: `${ARTIFACTS}/run-matrix.png` });
      await runs.goto();
      await runs.compare(fullRun, brokenRun);
      await expect(runs.change("bbox-1", "bbox-2", "ip")).toHaveAttribute("data-change", "broke");
      await expect(runs.change("bbox-1", "bbox-2", "name")).toHaveCount(0);
      await page.screenshot({ path: `${ARTIFACTS}/runs-compare.png` });
    });

    await test.step("destroy removes what Crossnet created", async () => {
      await page.goto(editorUrl);
      await apply.open();
      await apply.chooseInventory("lab");
      await apply.destroy();
      expect(await apply.waitForResult()).toBe("done");
      await expect(apply.result()).toContainText("what Crossnet created is gone");
      const left = await dockerOn(lab(), "node-1", ["ps", "-aq", "--filter", `label=crossnet.topology=${name}`]);
      expect(left.trim()).toBe("");
    });
  });
});
