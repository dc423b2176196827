import { ARTIFACTS, expect, test } from "./fixtures/test";
import { labPerDescribe } from "./support/lab";

const DESIGN = "e2e/designs/macvlan-hosts.yaml";

/**
 * Hosts as endpoints from the test panel, on macvlan in the hosts' own subnet: node-1 does not reach
 * its own macvlan container (blocked, as expected), node-2 does; once a shim on node-1 is added in
 * the YAML and applied, node-1 reaches bbox-1 too.
 */
test.describe("hosts as endpoints and the macvlan shim from the test panel", () => {
  labPerDescribe(DESIGN, "26");

  test("a host-to-container row: blocked on its own host, reach from the other; reach after a shim", async ({
    page,
    topologies,
    apply,
    testPanel,
    canvas,
    yaml,
  }) => {
    test.setTimeout(8 * 60_000);
    await topologies.goto();
    const text = await topologies.importDesign(DESIGN);
    await apply.applyOn("lab");

    const runHostsRow = async () => {
      await testPanel.open();
      await testPanel.by("ip");
      const root = testPanel.root();
      for (const name of ["bbox-1", "bbox-2"]) await root.getByTestId(`test-from-${name}`).uncheck();
      for (const name of ["host:node-1", "host:node-2"]) await root.getByTestId(`test-from-${name}`).check();
      await root.getByTestId("test-to-bbox-2").uncheck();
      await testPanel.run();
      await testPanel.waitForDone();
    };

    await runHostsRow();
    await expect(testPanel.cell("host:node-1", "bbox-1", "ip")).toHaveAttribute("data-verdict", "pass");
    await expect(testPanel.cell("host:node-2", "bbox-1", "ip")).toHaveAttribute("data-verdict", "pass");
    await testPanel.openCell("host:node-1", "bbox-1", "ip");
    await expect(testPanel.detail("expected")).toContainText("blocked");
    await expect(testPanel.detail("actual")).toContainText("blocked");
    await testPanel.openCell("host:node-2", "bbox-1", "ip");
    await expect(testPanel.detail("actual")).toContainText("reach");
    await page.screenshot({ path: `${ARTIFACTS}/hosts-row-macvlan.png` });

    await yaml.open();
    await yaml.replace(
      text.replace(
        "node-1: { nics: { ens33: { address: 192.168.0.53/24, promisc: true } } }",
        "node-1: { nics: { ens33: { address: 192.168.0.53/24, promisc: true } }, shims: [{ network: mac_net1, name: shim0, ip: 192.168.0.250 }] }",
      ),
    );
    await expect(canvas.saveStatus()).toHaveAttribute("data-status", "saved", { timeout: 30_000 });
    await apply.open();
    // The plan is of the saved version: ask again until the autosave of the edit has landed.
    await expect(async () => {
      await apply.planAgainstHosts();
      await expect(apply.planHost("node-1")).toContainText("shim0", { timeout: 2000 });
    }).toPass({ timeout: 60_000 });
    expect((await apply.applyUntilDone()).status).toBe("done");

    await runHostsRow();
    await expect(testPanel.cell("host:node-1", "bbox-1", "ip")).toHaveAttribute("data-verdict", "pass");
    await testPanel.openCell("host:node-1", "bbox-1", "ip");
    await expect(testPanel.detail("expected")).toContainText("reach");
    await expect(testPanel.detail("actual")).toContainText("reach");
    await page.screenshot({ path: `${ARTIFACTS}/hosts-row-macvlan-shim.png` });
  });
});
