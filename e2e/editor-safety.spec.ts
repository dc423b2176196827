import { ARTIFACTS, expect, test, uniqueName } from "./fixtures/test";

test("hostile names are refused with the field named, and shown as literal text", async ({
  page,
  topologies,
  palette,
  canvas,
  inspector,
  issues,
}) => {
  await topologies.goto();
  await topologies.create(uniqueName("hostile"));
  await palette.addWithKeyboard("network-bridge");
  await expect(canvas.node("network", "bridge_net1")).toBeVisible();

  const shell = "x; touch /tmp/pwned";
  await inspector.fill("name", shell);
  await expect(inspector.error("name")).toContainText(`network name '${shell}' contains ';', which is not allowed`);
  await expect(canvas.node("network", shell)).toContainText(shell);
  await expect(issues.byCode("invalid-name")).toHaveCount(1);
  // Autosave keeps a design with errors as a draft; saving it on purpose is refused by the server.
  await expect(canvas.saveStatus()).toHaveAttribute("data-status", "draft");
  await page.getByTestId("toolbar-save").click();
  await expect(canvas.saveStatus()).toHaveAttribute("data-status", "refused", { timeout: 15_000 });
  await expect(canvas.saveStatus()).toContainText("network name");

  const markup = "<img src=x onerror=alert(1)>";
  await inspector.fill("name", markup);
  await expect(inspector.error("name")).toContainText(`network name '${markup}' contains`);
  await expect(canvas.node("network", markup)).toContainText(markup);
  await expect(page.locator("img[src='x']")).toHaveCount(0);
  await page.screenshot({ path: `${ARTIFACTS}/editor-hostile-name.png` });

  await inspector.fill("name", "br_net");
  await expect(issues.byCode("invalid-name")).toHaveCount(0);
  await expect(canvas.saveStatus()).toHaveAttribute("data-status", "saved", { timeout: 15_000 });
});

test("nonsense connections are refused while drawing, with the reason", async ({ topologies, palette, canvas }) => {
  await topologies.goto();
  await topologies.create(uniqueName("refuse"));
  await palette.addWithKeyboard("host");
  await canvas.select("host", "node-1");
  await palette.addWithKeyboard("container");
  await palette.addWithKeyboard("network-overlay");
  await canvas.select("host", "node-1");
  await palette.addWithKeyboard("nic");
  await canvas.fitView();
  await canvas.connect({ kind: "network", name: "ov_net1" }, { kind: "nic", name: "node-1/eth0" });
  await expect(canvas.toast()).toContainText("Only macvlan networks take a parent interface");
  await expect(canvas.edge("parent", "ov_net1", "node-1/eth0")).toHaveCount(0);
  await canvas.connect({ kind: "container", name: "bbox-1" }, { kind: "nic", name: "node-1/eth0" });
  await expect(canvas.toast()).toContainText("A container connects to a network");
});

test("a hostile or broken import is refused with line:column", async ({ topologies, page }) => {
  await topologies.goto();
  await topologies.importFile("bad.yaml", "name: bad\nhosts:\n  node-1: { nics: { ens33: {} }\n");
  await expect(topologies.importErrors()).toContainText(/\d+:\d+/);
  await topologies.importFile(
    "hostile.yaml",
    "name: hostile\nhosts:\n  node-1: { nics: { ens33: {} } }\nnetworks:\n  'x; touch /tmp/pwned': { driver: bridge }\n",
  );
  await expect(topologies.importErrors()).toContainText("network name 'x; touch /tmp/pwned' contains ';'");
  await expect(topologies.importErrors()).toContainText(/\b5:\d+/);
  await page.screenshot({ path: `${ARTIFACTS}/topologies-import-refused.png` });
});
