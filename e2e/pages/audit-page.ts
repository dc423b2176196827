import { expect, type Locator, type Page } from "@playwright/test";

/** The audit log: chain status, rows, exports. */
export class AuditPage {
  constructor(readonly page: Page) {}

  async goto(query = ""): Promise<void> {
    await this.page.goto(`/audit${query}`);
    await expect(this.page.getByTestId("audit-page")).toBeVisible();
  }

  verify(): Locator {
    return this.page.getByTestId("audit-verify");
  }

  rows(): Locator {
    return this.page.getByTestId("audit-row");
  }

  actions(): Locator {
    return this.page.getByTestId("audit-action");
  }
}
