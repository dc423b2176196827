import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { ARTIFACTS, expect, test, uniqueName } from "./fixtures/test";
import { dockerOn, labPerDescribe } from "./support/lab";

const run = promisify(execFile);

/**
 * The test panel's new kinds on the lab: the swarm overlay template applied, the matrix run by mtu,
 * every cell showing the path MTU of 1450 and passing, and a cell's details naming the measured,
 * expected and claimed sizes. Then an MTU black hole made on purpose (bbox-1's interface raised to
 * 1500 on the host, above the overlay's 1450): the cell fails and its diagnosis names the black hole.
 */
test.describe("path MTU from the test panel", () => {
  const lab = labPerDescribe("examples/overlay-swarm.yaml");

  test("apply the overlay, test by mtu: 1450 on every pair", async ({ page, topologies, apply, testPanel, canvas }) => {
    test.setTimeout(8 * 60_000);
    await topologies.goto();
    await topologies.create(uniqueName("mtu"), "overlay-swarm");
    await expect(canvas.saveStatus()).toHaveAttribute("data-status", "saved");
    await apply.applyOn("lab");

    await testPanel.open();
    await testPanel.by("mtu");
    await testPanel.run();
    await testPanel.waitForDone();
    await expect(testPanel.summary()).toContainText("2 pass");
    await expect(testPanel.cell("bbox-1", "bbox-2", "mtu")).toHaveAttribute("data-verdict", "pass");
    await expect(testPanel.cell("bbox-1", "bbox-2", "mtu")).toHaveText("1450");
    await testPanel.openCell("bbox-1", "bbox-2", "mtu");
    await expect(testPanel.details().getByTestId("cell-details-mtu")).toContainText("1450 bytes (expected 1450");
    await page.screenshot({ path: `${ARTIFACTS}/editor-test-mtu.png` });

    await test.step("an interface MTU raised above the path's: the cell fails, diagnosed as a black hole", async () => {
      const pid = (await dockerOn(lab(), "node-2", ["inspect", "-f", "{{.State.Pid}}", "bbox-1"])).trim();
      const setMtu = (mtu: string) =>
        run("nsenter", [`--net=/proc/${pid}/ns/net`, "ip", "link", "set", "eth0", "mtu", mtu], { timeout: 20_000 });
      await setMtu("1500");
      try {
        await testPanel.run();
        await testPanel.waitForDone();
        await expect(testPanel.cell("bbox-1", "bbox-2", "mtu")).toHaveAttribute("data-verdict", "fail");
        await expect(testPanel.cell("bbox-2", "bbox-1", "mtu")).toHaveAttribute("data-verdict", "pass");
        await testPanel.openCell("bbox-1", "bbox-2", "mtu");
        await expect(testPanel.detail("diagnosis")).toContainText("MTU black hole: bbox-1's route to");
        await expect(testPanel.details().getByTestId("cell-details-mtu")).toContainText("1500");
        await page.screenshot({ path: `${ARTIFACTS}/editor-test-mtu-black-hole.png` });
      } finally {
        await setMtu("1450");
      }
    });
  });
});
