import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { ARTIFACTS, expect, test, uniqueName } from "./fixtures/test";
import { CapturePanel } from "./pages/capture-panel";
import { labPerDescribe } from "./support/lab";

async function theme(page: Page, value: "light" | "dark"): Promise<void> {
  const html = page.locator("html");
  if ((await html.getAttribute("data-theme")) !== value) await page.getByTestId("theme-toggle").click();
  await expect(html).toHaveAttribute("data-theme", value);
}

/**
 * Seeing the packets (issue 15) on the lab, with the tutorial's macvlan over 802.1Q design: "Capture
 * here" on a host shows the wire's tagged frames live (VLAN 10 and 20 marked, the tag highlighted in
 * the layer tree, bytes in hex), Stop ends it, the download is pcapng; "Trace" on a matrix cell marks
 * every hop of one ping on the canvas, reached for the same VLAN, blocked for the other with the
 * last point the request was seen.
 */
test.describe("capture and trace on the lab", () => {
  labPerDescribe("examples/macvlan-8021q.yaml");

  test("capture from the canvas, stop, download; trace a cell that reaches and one that is blocked", async ({
    page,
    topologies,
    canvas,
    apply,
    testPanel,
  }) => {
    test.setTimeout(10 * 60_000);
    const capture = new CapturePanel(page);
    const name = uniqueName("capture");

    await test.step("the tutorial's VLAN design, applied on the lab", async () => {
      await topologies.goto();
      await topologies.create(name, "macvlan-8021q");
      await expect(canvas.saveStatus()).toHaveAttribute("data-status", "saved");
      await apply.applyOn("lab");
    });

    await test.step("Capture here on a host: the wire's frames stream in while the matrix pings", async () => {
      await canvas.select("host", "node-1");
      await page.getByTestId("tab-inspector").click();
      await expect(capture.here().getByTestId("capture-point")).toHaveValue("wire:node-1");
      await capture.start({ count: 500, seconds: 120 });
      await expect(capture.root()).toHaveAttribute("data-status", "running", { timeout: 30_000 });
      await testPanel.open();
      await testPanel.by("ip");
      await testPanel.run();
      await expect(capture.packets().first()).toBeVisible({ timeout: 30_000 });
      await testPanel.waitForDone();
      await expect(capture.badges("vlan").filter({ hasText: "VLAN 10" }).first()).toBeVisible();
      await expect(capture.badges("vlan").filter({ hasText: "VLAN 20" }).first()).toBeVisible();
    });

    await test.step("Stop ends it at once; the download is a pcapng file", async () => {
      await capture.stop();
      await expect(capture.status()).toContainText("stopped by Stop");
      const [download] = await Promise.all([page.waitForEvent("download"), capture.download().click()]);
      expect(download.suggestedFilename()).toMatch(/\.pcapng$/);
      const bytes = readFileSync((await download.path()) ?? "");
      expect(bytes.subarray(0, 4).toString("hex")).toBe("0a0d0d0a");
    });

    await test.step("a tagged ICMP frame: the VLAN id highlighted in the layer tree, its bytes in hex", async () => {
      const tagged = capture.packets().filter({ has: page.getByTestId("capture-badge-vlan") });
      // The ping itself (an echo request), not the ICMPv6 router solicitations also on the wire.
      await tagged.filter({ hasText: "Echo (ping) request" }).first().click();
      await expect(capture.layers().filter({ hasText: "vlan" }).first()).toBeVisible();
      await expect(capture.highlighted().first()).toHaveAttribute("data-field", "vlan.id");
      await expect(capture.root().getByTestId("capture-hex")).toContainText("0000");
      await page.screenshot({ path: `${ARTIFACTS}/capture-wire-light.png` });
      await theme(page, "dark");
      await page.screenshot({ path: `${ARTIFACTS}/capture-wire-dark.png` });
      await theme(page, "light");
    });

    await test.step("Trace on a same-VLAN cell: reached, request and reply at every hop, marked on the canvas", async () => {
      await capture.root().getByTestId("capture-close").click();
      await expect(capture.root()).toBeHidden();
      await testPanel.openCell("bbox-11", "bbox-21", "ip");
      const result = await capture.trace();
      await expect(result).toHaveAttribute("data-verdict", "reach");
      const hops = result.getByTestId("trace-hop");
      expect(await hops.count()).toBeGreaterThanOrEqual(4);
      const seen = await hops.evaluateAll((items) =>
        items.map((item) => `${item.getAttribute("data-at")}=${item.getAttribute("data-state")}`),
      );
      test.info().annotations.push({ type: "same-VLAN trace hops", description: seen.join(" ") });
      // The wire is checked softly so the steps after it still run (and show) when only it misses.
      for (const hop of seen)
        if (hop.startsWith("wire=")) expect.soft(hop, seen.join(" ")).toMatch(/=both$/);
        else expect(hop, seen.join(" ")).toMatch(/=both$/);
      await expect(capture.traceMarks().first()).toBeVisible();
      await result.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${ARTIFACTS}/trace-reach-light.png` });
    });

    await test.step("Trace on a cross-VLAN cell: blocked, last seen on the source side", async () => {
      await testPanel.openCell("bbox-11", "bbox-22", "ip");
      const result = await capture.trace();
      await expect(result).toHaveAttribute("data-verdict", "blocked");
      const last = await result.getByTestId("trace-last-seen").getAttribute("data-at");
      expect(last === "container:bbox-11" || /^node-1:|^wire/.test(last ?? ""), `last seen at ${last}`).toBe(true);
      await expect(result.locator('[data-testid="trace-hop"][data-state="none"]').first()).toBeVisible();
      await expect(page.getByTestId("trace-last-mark").or(result.locator('[data-last="true"]')).first()).toBeVisible();
      await result.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${ARTIFACTS}/trace-blocked-light.png` });
      await theme(page, "dark");
      await page.screenshot({ path: `${ARTIFACTS}/trace-blocked-dark.png` });
      await theme(page, "light");
    });
  });
});
