import type { Locator, Page } from "@playwright/test";
import { ARTIFACTS, expect, test, uniqueName } from "./fixtures/test";
import { bigDesign } from "./support/big-designs";

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error("not on screen");
  return found;
}

async function theme(page: Page, wanted: "light" | "dark"): Promise<void> {
  const html = page.locator("html");
  if ((await html.getAttribute("data-theme")) !== wanted) await page.getByTestId("theme-toggle").click();
  await expect(html).toHaveAttribute("data-theme", wanted);
}

/**
 * Networks drawn as buses (a level of detail for big designs): each network a bar above the hosts,
 * every attachment and parent link a drop onto its bar. The choice is kept per topology in the
 * browser, across reloads.
 */
test.describe("networks as buses", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("the toggle draws each network as a bar above the hosts with drops onto it, and is kept on reload", async ({
    page,
    topologies,
    canvas,
  }) => {
    await topologies.goto();
    await topologies.create(uniqueName("bus"), "macvlan-8021q");
    const toggle = page.getByTestId("canvas-bus-toggle");
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await expect(canvas.node("network", "mac_net11")).not.toHaveAttribute("data-shape", "bus");

    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await expect(canvas.root()).toHaveAttribute("data-bus", "true");
    const hosts = [await box(canvas.node("host", "node-1")), await box(canvas.node("host", "node-2"))];
    const left = Math.min(...hosts.map((h) => h.x));
    const right = Math.max(...hosts.map((h) => h.x + h.width));
    const top = Math.min(...hosts.map((h) => h.y));
    const bars: Record<string, Awaited<ReturnType<typeof box>>> = {};
    for (const name of ["mac_net11", "mac_net12"]) {
      await expect(canvas.node("network", name)).toHaveAttribute("data-shape", "bus");
      const bar = await box(page.getByTestId(`canvas-node-network-${name}-bar`));
      // A bar spans every host, above all of them.
      expect(bar.x).toBeLessThanOrEqual(left);
      expect(bar.x + bar.width).toBeGreaterThanOrEqual(right);
      expect(bar.y + bar.height).toBeLessThan(top);
      bars[name] = bar;
    }
    // Each container's attachment and each parent link drops onto its own network's bar: the drawn
    // line's top is on that bar, and every segment is vertical or horizontal.
    const drops: [Locator, string][] = [
      [canvas.edge("attach", "bbox-11", "mac_net11"), "mac_net11"],
      [canvas.edge("attach", "bbox-22", "mac_net12"), "mac_net12"],
      [canvas.edge("parent", "mac_net12", "node-2/ens32.20"), "mac_net12"],
    ];
    for (const [edge, network] of drops) {
      const line = await box(edge);
      const bar = bars[network];
      if (!bar) throw new Error(network);
      // the drop ends on the bar's stroke (within its thickness)
      expect(line.y).toBeGreaterThanOrEqual(bar.y - 1);
      expect(line.y).toBeLessThanOrEqual(bar.y + bar.height + 1);
      const d = (await edge.getAttribute("d")) ?? "";
      expect(d).toMatch(/^M [-\d.e]+ [-\d.e]+( L [-\d.e]+ [-\d.e]+)+$/);
      const points = [...d.matchAll(/([-\d.e]+) ([-\d.e]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
      for (let i = 1; i < points.length; i++) {
        const [x0, y0] = points[i - 1] ?? [];
        const [x1, y1] = points[i] ?? [];
        expect(x0 === x1 || y0 === y1, `segment ${i} of ${d}`).toBe(true);
      }
    }
    // 4 attachments + 4 parent links, each with the dot where it lands.
    await expect(page.locator("[data-bus-land]")).toHaveCount(8);
    // The bar is still the network: it selects and opens in the inspector.
    await page.getByTestId("canvas-node-network-mac_net12-bar").click();
    await expect(page.getByTestId("inspector")).toContainText("mac_net12");
    for (const wanted of ["light", "dark"] as const) {
      await theme(page, wanted);
      await page.screenshot({ path: `${ARTIFACTS}/canvas-bus-${wanted}.png` });
    }
    await theme(page, "light");

    await page.reload();
    await expect(canvas.root()).toHaveAttribute("data-bus", "true");
    await expect(canvas.node("network", "mac_net11")).toHaveAttribute("data-shape", "bus");
    await page.getByTestId("canvas-bus-toggle").click();
    await expect(canvas.node("network", "mac_net11")).not.toHaveAttribute("data-shape", "bus");
    await expect(page.locator("[data-bus-land]")).toHaveCount(0);
    await page.reload();
    await expect(canvas.root()).toHaveAttribute("data-bus", "false");
  });

  test("a 12-host design as buses: one bar, a drop from every container and parent NIC", async ({
    page,
    topologies,
    canvas,
  }) => {
    const name = uniqueName("bus72");
    await topologies.goto();
    await topologies.importFile(`${name}.yaml`, bigDesign(name, 12, 6));
    await page.waitForURL(/\/topologies\/[0-9a-f-]{36}$/);
    await expect(canvas.node("host", "node-7")).toHaveAttribute("data-collapsed", "true");
    await page.getByTestId("canvas-bus-toggle").click();
    await page.getByTestId("canvas-collapse-all").click();
    await expect(canvas.node("host", "node-7")).toHaveAttribute("data-collapsed", "false");
    await canvas.fitView();
    await expect(canvas.node("network", "mac")).toHaveAttribute("data-shape", "bus");
    await expect(page.locator("[data-bus-land]")).toHaveCount(12 * 6 + 12);
    await page.screenshot({ path: `${ARTIFACTS}/canvas-bus-72.png` });
    await canvas.find("container", "c-7-4");
    await expect(page.getByTestId("inspector")).toBeVisible();
    await page.screenshot({ path: `${ARTIFACTS}/canvas-bus-72-found.png` });
  });
});
