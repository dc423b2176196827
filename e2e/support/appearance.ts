import { expect, type Page } from "@playwright/test";

/**
 * Sets the theme (saved in the browser) and the language (a cookie) with the header's own switches,
 * as a person does, and waits until the page is re-rendered in that language: the switch then offers
 * the other one and is enabled again (a page of thousands of cells takes a while on a shared machine).
 */
export async function themeAndLanguage(page: Page, theme: "light" | "dark", language: "en" | "zh"): Promise<void> {
  const html = page.locator("html");
  if ((await html.getAttribute("data-theme")) !== theme) await page.getByTestId("theme-toggle").click();
  await expect(html).toHaveAttribute("data-theme", theme);
  const lang = (await html.getAttribute("lang")) ?? "en";
  if (lang.startsWith("zh") !== (language === "zh")) {
    const locale = language === "zh" ? "zh-CN" : "en";
    await page.getByTestId("locale-switch").click();
    await expect(html).toHaveAttribute("lang", locale);
    await expect(page.getByTestId("locale-switch")).toHaveAttribute("data-locale", locale, { timeout: 45_000 });
    await expect(page.getByTestId("locale-switch")).toBeEnabled();
  }
}
