import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { ARTIFACTS, expect, test, uniqueName } from "./fixtures/test";
import { labPerDescribe } from "./support/lab";

const run = promisify(execFile);

/** The state of a NIC as the lab host itself sees it (`UP`/`DOWN` from `ip -o link show`). */
async function linkState(host: string, nic: string): Promise<string> {
  const { stdout } = await run("ip", ["netns", "exec", `cn-${host}`, "ip", "-o", "link", "show", nic], {
    timeout: 20_000,
  });
  return /state (\w+)/.exec(stdout)?.[1] ?? "?";
}

/**
 * Throughput and link impairment from the dashboard, on the lab with the macvlan template applied:
 * a matrix cell's "Measure throughput" fills the pair table with a measured rate (and keeps it after a
 * reload: it is stored); the canvas's right-click on a host NIC opens the impairment dialog, whose
 * "take the link down" really downs the NIC on the host, the matrix then shows the pairs across it
 * failing, the plan against the hosts shows it as drift on that NIC, and applying the design again
 * (the repair) brings it up, clears the drift and the matrix passes again.
 */
test.describe("impairments and throughput from the dashboard on the lab", () => {
  labPerDescribe("examples/macvlan.yaml");

  test("measure throughput on a cell, take a NIC down from the canvas, see it in the matrix and as drift, repair", async ({
    page,
    topologies,
    apply,
    testPanel,
    canvas,
  }) => {
    test.setTimeout(10 * 60_000);
    const nic = canvas.node("nic", "node-2/ens33");

    await test.step("apply the macvlan template; every ip cell passes", async () => {
      await topologies.goto();
      await topologies.create(uniqueName("impair"), "macvlan");
      await expect(canvas.saveStatus()).toHaveAttribute("data-status", "saved");
      await apply.applyOn("lab");
      await testPanel.open();
      await testPanel.by("ip");
      await testPanel.run();
      await testPanel.waitForDone();
      await expect(testPanel.cell("bbox-1", "bbox-2", "ip")).toHaveAttribute("data-verdict", "pass");
      await expect(testPanel.cell("bbox-2", "bbox-1", "ip")).toHaveAttribute("data-verdict", "pass");
    });

    await test.step("measure throughput on the cell: the pair table shows a rate and retransmits, and survives a reload", async () => {
      await testPanel.openCell("bbox-1", "bbox-2", "ip");
      const perf = testPanel.details().getByTestId("perf");
      await perf.getByTestId("perf-measure").click();
      const row = perf.getByTestId("perf-row-bbox-1-bbox-2");
      await expect(row).toBeVisible({ timeout: 60_000 });
      await expect(row.getByTestId("perf-rate")).toHaveText(/^\d+(\.\d+)? [kMG]?bit\/s$/);
      await expect(row).toContainText("retransmits");
      await page.screenshot({ path: `${ARTIFACTS}/perf-table.png` });

      await perf.getByRole("checkbox").check();
      await perf.getByTestId("perf-measure").click();
      await expect(row).toContainText("jitter", { timeout: 60_000 });
      await expect(row).toContainText(/loss \d+\.\d\d%/);
      await page.screenshot({ path: `${ARTIFACTS}/perf-table-udp.png` });

      // After a reload the panel shows the last stored run, and the cell its last stored measurement.
      await page.reload();
      await testPanel.open();
      await expect(testPanel.cell("bbox-1", "bbox-2", "ip")).toHaveAttribute("data-verdict", "pass");
      await testPanel.openCell("bbox-1", "bbox-2", "ip");
      await expect(testPanel.details().getByTestId("perf-row-bbox-1-bbox-2")).toContainText("jitter");
    });

    await test.step("right-click node-2's NIC, take the link down: the host agrees", async () => {
      await nic.click({ button: "right", position: { x: 24, y: 12 } });
      const dialog = page.getByTestId("impair-dialog");
      await expect(dialog).toBeVisible();
      await expect(dialog).toContainText("Impair node-2:ens33");
      await dialog.getByTestId("impair-down").check();
      await dialog.getByTestId("impair-apply").click();
      await expect(dialog.getByTestId("impair-message")).toContainText("It shows as drift", { timeout: 30_000 });
      await expect(dialog.getByTestId("impair-message")).toHaveClass(/text-ok/);
      await page.screenshot({ path: `${ARTIFACTS}/impair-dialog-down.png` });
      expect(await linkState("node-2", "ens33")).toBe("DOWN");
      await dialog.getByRole("button", { name: "Close" }).click();
      await expect(dialog).toHaveCount(0);
    });

    await test.step("the matrix shows it: the pairs across node-2's NIC fail", async () => {
      await testPanel.open();
      await testPanel.run();
      await testPanel.waitForDone();
      await expect(testPanel.cell("bbox-1", "bbox-2", "ip")).toHaveAttribute("data-verdict", "fail");
      await expect(testPanel.cell("bbox-2", "bbox-1", "ip")).toHaveAttribute("data-verdict", "fail");
      await testPanel.openCell("bbox-1", "bbox-2", "ip");
      await expect(testPanel.detail("actual")).not.toContainText("reach");
      await page.screenshot({ path: `${ARTIFACTS}/impair-matrix-down.png` });
    });

    await test.step("the plan against the hosts shows it as drift on the NIC, with the step that repairs it", async () => {
      await apply.open();
      await apply.planAgainstHosts();
      await expect(apply.planHost("node-2")).toContainText("ip link set ens33 up");
      await expect(page.getByTestId("canvas-node-nic-node-2/ens33-drift")).toHaveAttribute("data-state", "changed");
      await page.screenshot({ path: `${ARTIFACTS}/impair-drift.png` });
    });

    await test.step("apply again (the repair): the NIC is up, the drift is gone, the matrix passes", async () => {
      expect((await apply.applyUntilDone()).status).toBe("done");
      expect(await linkState("node-2", "ens33")).toBe("UP");
      await apply.planAgainstHosts();
      await expect(page.getByTestId("canvas-node-nic-node-2/ens33-drift")).toHaveCount(0);
      await testPanel.open();
      await testPanel.run();
      await testPanel.waitForDone();
      await expect(testPanel.cell("bbox-1", "bbox-2", "ip")).toHaveAttribute("data-verdict", "pass");
      await expect(testPanel.cell("bbox-2", "bbox-1", "ip")).toHaveAttribute("data-verdict", "pass");
      await page.screenshot({ path: `${ARTIFACTS}/impair-repaired.png` });
    });
  });
});
