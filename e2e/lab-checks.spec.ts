import { ARTIFACTS, expect, test, uniqueName } from "./fixtures/test";
import { labDown, labUpFor } from "./support/lab";

/**
 * The test panel's new kinds on the lab: the swarm overlay template applied, the matrix run by mtu,
 * every cell showing the path MTU of 1450 and passing, and a cell's details naming the measured,
 * expected and claimed sizes.
 */
test.describe("path MTU from the test panel", () => {
  test.beforeAll(async () => {
    test.setTimeout(25 * 60_000);
    await labUpFor("examples/overlay-swarm.yaml");
  });

  test.afterAll(async () => {
    test.setTimeout(120_000);
    await labDown();
  });

  test("apply the overlay, test by mtu: 1450 on every pair", async ({ page, topologies, apply, testPanel, canvas }) => {
    test.setTimeout(8 * 60_000);
    await topologies.goto();
    await topologies.create(uniqueName("mtu"), "overlay-swarm");
    await expect(canvas.saveStatus()).toHaveAttribute("data-status", "saved");
    await apply.open();
    await apply.chooseInventory("lab");
    expect((await apply.applyUntilDone()).status).toBe("done");

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
  });
});
