import { ARTIFACTS, expect, test, uniqueName } from "./fixtures/test";
import { ContainerHandsPanel } from "./pages/container-hands";
import { dockerOn, labPerDescribe } from "./support/lab";

/**
 * Hands on a container, on the real lab: the canvas shows each container's observed state and
 * addresses; a container stopped from the inspector shows stopped (and as drift), started again;
 * a console in the browser runs `hostname` and `ip addr` inside it; its logs tail and follow; and
 * the audit page has a row for each of these.
 */
test.describe("hands on a container on the lab", () => {
  const lab = labPerDescribe("examples/macvlan.yaml");

  test("live state, stop and start, console, logs, audit rows", async ({ page, topologies, canvas, apply, audit }) => {
    test.setTimeout(8 * 60_000);
    const hands = new ContainerHandsPanel(page);
    const name = uniqueName("hands");
    const live = (container: string) =>
      canvas.node("container", container).getByTestId(`canvas-node-container-${container}-live`);

    await test.step("apply the macvlan template; after observing, the canvas shows each container running with its address", async () => {
      await topologies.goto();
      await topologies.create(name, "macvlan");
      await expect(canvas.saveStatus()).toHaveAttribute("data-status", "saved");
      await apply.applyOn("lab");
      await apply.planAgainstHosts();
      await expect(live("bbox-1")).toHaveAttribute("data-state", "running");
      await expect(live("bbox-2")).toHaveAttribute("data-state", "running");
      await expect(live("bbox-2")).toContainText("10.0.0.12");
      await expect(live("bbox-1")).toContainText("10.0.0.11");
      await page.screenshot({ path: `${ARTIFACTS}/hands-live-running.png` });
    });

    await test.step("stop one container from the inspector: the canvas says stopped, the host agrees, the plan shows drift", async () => {
      await canvas.select("container", "bbox-2");
      await page.getByTestId("tab-inspector").click();
      await expect(hands.root()).toBeVisible();
      await expect(hands.state()).toHaveAttribute("data-state", "running");
      await hands.act("stop");
      await expect(hands.message()).toHaveAttribute("data-tone", "ok");
      await expect(hands.message()).toContainText("docker stop -t 5 bbox-2");
      await expect(live("bbox-2")).toHaveAttribute("data-state", "stopped");
      await expect(live("bbox-1")).toHaveAttribute("data-state", "running");
      // The observation on screen is read again after the action: the stop shows as drift at once.
      await expect(canvas.node("container", "bbox-2").getByTestId("canvas-node-container-bbox-2-drift")).toHaveText(
        "changed",
      );
      expect((await dockerOn(lab(), "node-2", ["inspect", "-f", "{{.State.Status}}", "bbox-2"])).trim()).toBe("exited");
      await page.screenshot({ path: `${ARTIFACTS}/hands-stopped.png` });
      await apply.open();
      await apply.planAgainstHosts();
      await expect(apply.planHost("node-2")).toContainText("docker start bbox-2");
      await expect(canvas.node("container", "bbox-2").getByTestId("canvas-node-container-bbox-2-drift")).toHaveText(
        "changed",
      );
      await expect(live("bbox-2")).toHaveAttribute("data-state", "stopped");
      await page.screenshot({ path: `${ARTIFACTS}/hands-stopped-drift.png` });
    });

    await test.step("start it again from the canvas's right-click menu", async () => {
      await canvas.node("container", "bbox-2").click({ button: "right", position: { x: 24, y: 12 } });
      await expect(page.getByTestId("container-menu")).toBeVisible();
      await hands.menuItem("start").click();
      await expect(hands.message()).toHaveAttribute("data-busy", "false", { timeout: 60_000 });
      await expect(hands.message()).toHaveAttribute("data-tone", "ok");
      await expect(live("bbox-2")).toHaveAttribute("data-state", "running");
      await expect(live("bbox-2")).toContainText("10.0.0.12");
      await expect(canvas.node("container", "bbox-2").getByTestId("canvas-node-container-bbox-2-drift")).toHaveCount(0);
      expect((await dockerOn(lab(), "node-2", ["inspect", "-f", "{{.State.Status}}", "bbox-2"])).trim()).toBe(
        "running",
      );
      await page.screenshot({ path: `${ARTIFACTS}/hands-started.png` });
    });

    const hostname = (await dockerOn(lab(), "node-2", ["inspect", "-f", "{{.Config.Hostname}}", "bbox-2"])).trim();
    await test.step("a console in the browser: hostname and ip addr run inside the container", async () => {
      await hands.button("console").click();
      await expect(hands.window("console")).toBeVisible();
      await expect(hands.console()).toHaveAttribute("data-state", "open", { timeout: 30_000 });
      await expect(hands.terminalText()).toContainText("#", { timeout: 15_000 });
      await hands.typeLine("hostname");
      await expect(hands.terminalText()).toContainText(hostname);
      await hands.typeLine("ip addr show eth0");
      await expect(hands.terminalText()).toContainText("inet 10.0.0.12/24");
      await hands.typeLine("echo crossnet-hands-mark > /proc/1/fd/1");
      await page.screenshot({ path: `${ARTIFACTS}/hands-console.png` });
      await page.getByTestId("theme-toggle").click();
      await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
      await page.screenshot({ path: `${ARTIFACTS}/hands-console-dark.png` });
      await page.getByTestId("theme-toggle").click();
      await hands.typeLine("exit");
      await expect(hands.console()).toHaveAttribute("data-state", "closed");
      await expect(page.getByTestId("console-closed")).toContainText("the shell exited (0)");
      await hands.closeWindow();
    });

    await test.step("logs: the tail shows what the container wrote, follow shows new lines as they come", async () => {
      await hands.button("logs").click();
      await expect(hands.window("logs")).toBeVisible();
      await expect(hands.logsOutput()).toContainText("crossnet-hands-mark");
      await page.getByTestId("logs-follow").click();
      await expect(page.getByTestId("logs-panel")).toHaveAttribute("data-following", "true");
      await expect(hands.logsOutput()).toContainText("crossnet-hands-mark");
      await dockerOn(lab(), "node-2", ["exec", "bbox-2", "sh", "-c", "echo crossnet-followed-line > /proc/1/fd/1"]);
      await expect(hands.logsOutput()).toContainText("crossnet-followed-line", { timeout: 20_000 });
      await page.screenshot({ path: `${ARTIFACTS}/hands-logs.png` });
      await page.getByTestId("logs-unfollow").click();
      await expect(page.getByTestId("logs-panel")).toHaveAttribute("data-following", "false");
      await hands.closeWindow();
    });

    await test.step("the same controls and windows in Chinese", async () => {
      await page.getByTestId("locale-switch").click();
      await expect(page.getByTestId("locale-switch")).toHaveAttribute("data-locale", "zh-CN");
      await expect(hands.button("logs")).toHaveText("日志");
      await expect(hands.button("console")).toHaveText("控制台");
      await expect(hands.state()).toContainText("运行中");
      await expect(live("bbox-1")).toContainText("运行中");
      await expect(hands.message()).toContainText("docker start bbox-2：已完成");
      await hands.button("logs").click();
      await expect(hands.window("logs")).toContainText("bbox-2 的日志");
      await expect(hands.logsOutput()).toContainText("crossnet-hands-mark");
      await page.screenshot({ path: `${ARTIFACTS}/hands-logs-zh.png` });
      await hands.closeWindow();
      await page.getByTestId("locale-switch").click();
      await expect(page.getByTestId("locale-switch")).toHaveAttribute("data-locale", "en");
    });

    await test.step("the audit page has a row for the stop, the start, the console and the logs", async () => {
      await audit.goto();
      const action = (text: string) => audit.actions().filter({ hasText: text });
      await expect(action("docker stop -t 5 bbox-2").first()).toBeVisible();
      await expect(action("docker start bbox-2").first()).toBeVisible();
      await expect(action("console opened: docker exec -it bbox-2 sh").first()).toBeVisible();
      await expect(action("console closed: the shell exited (0)").first()).toBeVisible();
      await expect(action("docker logs --tail 200 bbox-2").first()).toBeVisible();
      await expect(action("docker logs --follow --tail 200 bbox-2").first()).toBeVisible();
      await action("console opened").first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${ARTIFACTS}/hands-audit.png` });
    });
  });
});
