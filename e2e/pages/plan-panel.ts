import type { Locator, Page } from "@playwright/test";

/** The Plan tab: the commands for fresh hosts. */
export class PlanPanel {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId("tab-plan").click();
  }

  text(): Locator {
    return this.page.getByTestId("plan-text");
  }

  blocked(): Locator {
    return this.page.getByTestId("plan-blocked");
  }
}
