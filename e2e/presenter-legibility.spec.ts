import type { Page } from "@playwright/test";
import { ARTIFACTS, expect, test } from "./fixtures/test";
import { themeAndLanguage } from "./support/appearance";

/** Text smaller than this (screen px at 1920×1080, 100 %) is hard to read from the back of a room. */
const MIN_PX = 20;

/**
 * The smallest text drawn on the presenter's canvas, in screen px: each text's font size times the
 * canvas's zoom, over every visible text in the nodes and edge labels.
 */
async function smallestCanvasText(page: Page): Promise<{ px: number; text: string }> {
  return page.getByTestId("lesson-canvas").evaluate((canvas) => {
    const viewport = canvas.querySelector<HTMLElement>(".react-flow__viewport");
    const zoom = viewport ? new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a : 1;
    let smallest = { px: Number.POSITIVE_INFINITY, text: "" };
    const walker = document.createTreeWalker(canvas, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? "";
      const parent = node.parentElement;
      if (!text || !parent?.checkVisibility()) continue;
      if (!parent.closest(".react-flow__node, .react-flow__edgelabel-renderer")) continue;
      const px = Number.parseFloat(getComputedStyle(parent).fontSize) * zoom;
      if (px < smallest.px) smallest = { px: Math.round(px * 10) / 10, text };
    }
    return smallest;
  });
}

/**
 * The presenter view on a 1920×1080 projector, at 100 %: the canvas fills its pane and every text on
 * it (node names, kinds, details, addresses) is at least MIN_PX on screen, in both themes and both
 * languages. The screenshots are for a person to look at.
 */
test("the presenter's canvas text is large enough for a projector at 1920×1080", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto("/lessons/macvlan/present");
  await expect(page.getByTestId("lesson")).toHaveAttribute("data-mode", "present");
  for (const theme of ["light", "dark"] as const)
    for (const language of ["en", "zh"] as const) {
      await themeAndLanguage(page, theme, language);
      await expect(page.getByTestId("canvas-node-container-bbox-2")).toBeVisible();
      await expect(page.getByTestId("canvas-node-host-node-1")).toContainText(language === "zh" ? "主机" : "host");
      await expect(async () => {
        const smallest = await smallestCanvasText(page);
        expect(smallest.px, `"${smallest.text}" on the canvas (${theme}, ${language})`).toBeGreaterThanOrEqual(MIN_PX);
      }).toPass({ timeout: 10_000 });
      const smallest = await smallestCanvasText(page);
      test.info().annotations.push({
        type: `smallest canvas text ${theme}/${language}`,
        description: `${smallest.px}px "${smallest.text}"`,
      });
      console.log(
        `presenter 1920×1080 ${theme}/${language}: smallest canvas text ${smallest.px}px ("${smallest.text}")`,
      );
      await page.screenshot({ path: `${ARTIFACTS}/presenter-1920-${theme}-${language}.png` });
    }
});
