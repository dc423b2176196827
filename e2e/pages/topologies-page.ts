import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";

/** The topologies list: create, import, export, duplicate, delete. */
export class TopologiesPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/topologies");
    await expect(this.page.getByTestId("topologies-page")).toBeVisible();
  }

  row(name: string): Locator {
    return this.page.getByTestId(`topologies-row-${name}`);
  }

  /** Creates a topology (empty, or from a template id) and waits for its editor. */
  async create(name: string, template?: string): Promise<void> {
    if (template) await this.page.getByTestId("topologies-new-template").selectOption(template);
    await this.page.getByTestId("topologies-new-name").fill(name);
    await this.page.getByTestId("topologies-create").click();
    await this.page.waitForURL(/\/topologies\/[0-9a-f-]{36}$/);
    await expect(this.page.getByTestId("editor")).toBeVisible();
  }

  async importFile(name: string, text: string): Promise<void> {
    await this.page
      .getByTestId("topologies-import-input")
      .setInputFiles({ name, mimeType: "application/yaml", buffer: Buffer.from(text) });
  }

  /** Imports a design file from the repository (as a user picks it), waits for its editor and its first save. */
  async importDesign(path: string): Promise<string> {
    const text = readFileSync(path, "utf8");
    await this.importFile(basename(path), text);
    await this.page.waitForURL(/\/topologies\/[0-9a-f-]{36}$/);
    await expect(this.page.getByTestId("save-status")).toHaveAttribute("data-status", "saved", { timeout: 30_000 });
    return text;
  }

  importErrors(): Locator {
    return this.page.getByTestId("topologies-import-errors");
  }

  async open(name: string): Promise<void> {
    await this.page.getByTestId(`topologies-open-${name}`).click();
    await expect(this.page.getByTestId("editor")).toBeVisible();
  }

  async duplicate(name: string): Promise<void> {
    await this.page.getByTestId(`topologies-duplicate-${name}`).click();
  }

  async delete(name: string): Promise<void> {
    await this.page.getByTestId(`topologies-delete-${name}`).click();
    await expect(this.page.getByTestId("confirm-delete-dialog")).toBeVisible();
    await this.page.getByTestId("confirm-delete-confirm").click();
  }

  exportLink(name: string, format: "yaml" | "json"): Locator {
    return this.page.getByTestId(`topologies-export-${format}-${name}`);
  }
}
