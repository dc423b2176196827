import { readFileSync } from "node:fs";
import { ARTIFACTS, expect, test, uniqueName } from "./fixtures/test";

test("a template loads into the editor with its plan", async ({ page, topologies, canvas, issues, plan }) => {
  const name = uniqueName("overlay");
  await topologies.goto();
  await topologies.create(name, "overlay-isolation");
  await expect(canvas.node("host", "node-2")).toBeVisible();
  await expect(canvas.node("network", "ov_net2")).toBeVisible();
  await expect(canvas.node("container", "bbox-3")).toBeVisible();
  await expect(issues.errors()).toHaveCount(0);
  await plan.open();
  await expect(plan.text()).toContainText("docker swarm init");
  await page.screenshot({ path: `${ARTIFACTS}/editor-template-overlay.png` });
});

test("every template opens without errors", async ({ topologies, page, issues }) => {
  const templates = await (async () => {
    await topologies.goto();
    return page
      .getByTestId("topologies-new-template")
      .locator("option")
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  })();
  expect(templates.length).toBeGreaterThanOrEqual(7);
  for (const template of templates) {
    await topologies.goto();
    await topologies.create(uniqueName(template), template);
    await expect(page.locator('[data-testid^="canvas-node-host-"][data-level]').first()).toBeVisible();
    await expect(issues.errors()).toHaveCount(0);
  }
});

test("list: import, export, duplicate, delete with confirmation", async ({ page, topologies }) => {
  await topologies.goto();
  const name = uniqueName("imported");
  const text = readFileSync("examples/ovs-vxlan.yaml", "utf8").replace("name: ovs-vxlan", `name: ${name}`);
  await topologies.importFile(`${name}.yaml`, text);
  await page.waitForURL(/\/topologies\/[0-9a-f-]{36}$/);
  await topologies.goto();
  await expect(topologies.row(name)).toBeVisible();
  await expect(topologies.row(name)).toContainText("v1");

  const yamlResponse = await page.request.get((await topologies.exportLink(name, "yaml").getAttribute("href")) ?? "");
  expect(await yamlResponse.text()).toBe(text);
  const jsonResponse = await page.request.get((await topologies.exportLink(name, "json").getAttribute("href")) ?? "");
  expect((await jsonResponse.json()) as unknown).toMatchObject({
    name,
    networks: { ovs_net: { driver: "ovs", vni: 100 } },
  });

  await topologies.duplicate(name);
  await expect(topologies.row(`${name}-copy`)).toBeVisible();
  await page.screenshot({ path: `${ARTIFACTS}/topologies-list.png` });

  await topologies.delete(`${name}-copy`);
  await expect(topologies.row(`${name}-copy`)).toHaveCount(0);
  await page.getByTestId(`topologies-delete-${name}`).click();
  await page.getByTestId("confirm-delete-cancel").click();
  await expect(topologies.row(name)).toBeVisible();
});

test("editing keeps versions, undo/redo, copy/paste and keyboard delete", async ({
  page,
  topologies,
  canvas,
  palette,
}) => {
  await topologies.goto();
  await topologies.create(uniqueName("keys"), "macvlan");
  await canvas.select("container", "bbox-1");
  await page.keyboard.press("ControlOrMeta+c");
  await page.keyboard.press("ControlOrMeta+v");
  await expect(canvas.node("container", "bbox-1-copy")).toBeVisible();
  await page.keyboard.press("Delete");
  await expect(canvas.node("container", "bbox-1-copy")).toHaveCount(0);
  await page.keyboard.press("ControlOrMeta+z");
  await expect(canvas.node("container", "bbox-1-copy")).toBeVisible();
  await page.getByTestId("toolbar-undo").click();
  await expect(canvas.node("container", "bbox-1-copy")).toHaveCount(0);
  await page.keyboard.press("ControlOrMeta+Shift+z");
  await expect(canvas.node("container", "bbox-1-copy")).toBeVisible();
  await palette.addWithKeyboard("host");
  await page.getByTestId("toolbar-layout").click();
  await expect(canvas.saveStatus()).toHaveAttribute("data-status", "saved", { timeout: 15_000 });
  await expect(canvas.saveStatus()).toContainText("(v2)");
});

test("pages render in light and dark", async ({ page }) => {
  for (const path of ["/topologies", "/hosts", "/runs"]) {
    await page.goto(path);
    await page.screenshot({ path: `${ARTIFACTS}/page${path.replace(/\//g, "-")}-light.png` });
  }
  await page.getByTestId("theme-toggle").click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.goto("/topologies");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.screenshot({ path: `${ARTIFACTS}/page-topologies-dark.png` });
});
