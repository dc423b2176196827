import type { Locator, Page } from "@playwright/test";

/** The YAML tab: the design as text, editable, synced with the canvas. */
export class YamlPanel {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId("tab-yaml").click();
  }

  editor(): Locator {
    return this.page.getByTestId("yaml-editor");
  }

  errors(): Locator {
    return this.page.getByTestId("yaml-errors");
  }

  status(): Locator {
    return this.page.getByTestId("yaml-status");
  }

  async text(): Promise<string> {
    return this.editor().inputValue();
  }

  async replace(text: string): Promise<void> {
    await this.editor().fill(text);
  }
}
