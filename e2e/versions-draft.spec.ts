import { ARTIFACTS, expect, test, uniqueName } from "./fixtures/test";

/**
 * Versions are made by Save, by Apply, or by autosave of a valid design. Broken edits stay a
 * visible draft with their issues; an imported file with errors opens as a draft, not a version.
 */
test("autosave keeps only valid designs; a broken edit is a draft until fixed", async ({
  page,
  topologies,
  palette,
  canvas,
  inspector,
  issues,
}) => {
  const name = uniqueName("versions");
  await topologies.goto();
  await topologies.create(name);
  await palette.addWithKeyboard("host");
  await canvas.select("host", "node-1");
  await palette.addWithKeyboard("nic");
  await expect(canvas.saveStatus()).toHaveAttribute("data-status", "saved", { timeout: 15_000 });
  const valid = await canvas.saveStatus().textContent();

  // VLAN 5000 is an error: the edit is a draft, shown as such, and no version is made.
  await canvas.select("nic", "node-1/eth0");
  await palette.addWithKeyboard("vlan");
  await inspector.fill("vid", "5000");
  await expect(issues.byCode("vlan-id-range")).toHaveCount(1);
  await expect(canvas.saveStatus()).toHaveAttribute("data-status", "draft");
  await expect(canvas.saveStatus()).toContainText("1");
  await page.screenshot({ path: `${ARTIFACTS}/editor-draft.png` });
  await page.waitForTimeout(4_000); // longer than the autosave pause: still no version
  await expect(canvas.saveStatus()).toHaveAttribute("data-status", "draft");

  // The server still has the last valid version; the draft is offered back after a reload.
  await topologies.goto();
  await expect(topologies.row(name)).toContainText((valid ?? "").match(/v\d+/)?.[0] ?? "v?");
  await topologies.open(name);
  await expect(page.getByTestId("draft-banner")).toBeVisible();
  await expect(canvas.node("vlan", "node-1/eth0.5000")).toHaveCount(0);
  await page.getByTestId("draft-restore").click();
  await expect(issues.byCode("vlan-id-range")).toHaveCount(1);

  // Fixed, it is saved again on its own.
  await canvas.select("vlan", "node-1/eth0.5000");
  await inspector.fill("vid", "30");
  await expect(issues.errors()).toHaveCount(0);
  await expect(canvas.saveStatus()).toHaveAttribute("data-status", "saved", { timeout: 15_000 });
});

test("an imported file with errors opens as a draft with its issues, not as a saved version", async ({
  page,
  topologies,
  canvas,
  issues,
}) => {
  const name = uniqueName("broken-import");
  await topologies.goto();
  await topologies.importFile(
    `${name}.yaml`,
    [
      `name: ${name}`,
      "hosts: { node-1: { nics: { eth0: { vlans: { 5000: {} } } } } }",
      "networks: { n: { driver: bridge, subnet: 10.0.0.0/24 } }",
      "containers: { c1: { host: node-1, image: busybox, networks: { n: { ip: 10.9.0.5 } } } }",
      "",
    ].join("\n"),
  );
  await page.waitForURL(/\/topologies\/[0-9a-f-]{36}$/);
  await expect(canvas.node("container", "c1")).toBeVisible();
  await expect(issues.byCode("ip-outside-subnet")).toHaveCount(1);
  await expect(issues.byCode("vlan-id-range")).toHaveCount(1);
  await expect(canvas.saveStatus()).toHaveAttribute("data-status", "draft");
  await topologies.goto();
  await expect(topologies.row(name)).toContainText("—");
  // Reopened, the draft is still what the editor shows.
  await topologies.open(name);
  await expect(canvas.node("container", "c1")).toBeVisible();
  await expect(canvas.saveStatus()).toHaveAttribute("data-status", "draft");
});
