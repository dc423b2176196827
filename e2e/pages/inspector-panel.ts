import type { Locator, Page } from "@playwright/test";

/** The inspector tab: a form for the selected element, with per-field messages. */
export class InspectorPanel {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId("tab-inspector").click();
  }

  title(): Locator {
    return this.page.getByTestId("inspector-title");
  }

  field(name: string): Locator {
    return this.page.getByTestId(`inspector-field-${name}`);
  }

  error(name: string): Locator {
    return this.page.getByTestId(`inspector-error-${name}`);
  }

  /** Replaces a text field's value by typing, as a person would. */
  async fill(name: string, value: string): Promise<void> {
    const field = this.field(name);
    await field.click();
    await field.press("ControlOrMeta+a");
    await field.pressSequentially(value);
  }

  async choose(name: string, label: string): Promise<void> {
    await this.field(name).selectOption({ label });
  }

  async check(name: string): Promise<void> {
    await this.field(name).check();
  }
}
