import { expect, type Locator, type Page } from "@playwright/test";

/** Host status: what Docker on each host of an inventory reports, as text. */
export class StatusPage {
  constructor(readonly page: Page) {}

  async read(inventory: string): Promise<void> {
    await this.page.goto("/status");
    await expect(this.page.getByTestId("status-page")).toBeVisible();
    const select = this.page.getByTestId("status-inventory");
    const option = select.locator("option", { hasText: new RegExp(`^${inventory} `) });
    await select.selectOption({ label: (await option.textContent()) ?? inventory });
    await this.page.getByTestId("status-read").click();
  }

  host(name: string): Locator {
    return this.page.getByTestId(`status-host-${name}`);
  }
}
