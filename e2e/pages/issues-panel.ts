import type { Locator, Page } from "@playwright/test";

/** The issues list under the canvas. */
export class IssuesPanel {
  constructor(readonly page: Page) {}

  root(): Locator {
    return this.page.getByTestId("issues");
  }

  item(index: number): Locator {
    return this.page.getByTestId(`issues-item-${index}`);
  }

  byCode(code: string): Locator {
    return this.root().locator(`[data-code="${code}"]`);
  }

  errors(): Locator {
    return this.root().locator('[data-severity="error"]');
  }

  errorCount(): Locator {
    return this.page.getByTestId("issues-errors");
  }
}
