import { expect, type Locator, type Page } from "@playwright/test";

/** The Hosts & lab page: the embedded lab's controls and the inventories. */
export class HostsPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/hosts");
    await expect(this.page.getByTestId("hosts-page")).toBeVisible();
  }

  lab(): Locator {
    return this.page.getByTestId("lab-card");
  }

  /**
   * Brings up the lab for a topology (by its name in the list) and waits for the outcome: the
   * result line, or the error shown when the machine already has a lab.
   */
  async labUp(topology: string, timeout = 120_000): Promise<{ ok: boolean; text: string }> {
    await this.page.getByTestId("lab-topology").selectOption({ label: topology });
    await this.page.getByTestId("lab-up").click();
    const result = this.page.getByTestId("lab-result");
    const error = this.page.getByTestId("lab-error");
    await expect(result.or(error)).toBeVisible({ timeout });
    if (await error.isVisible()) return { ok: false, text: (await error.textContent()) ?? "" };
    return { ok: (await result.getAttribute("data-ok")) === "true", text: (await result.textContent()) ?? "" };
  }

  labResult(): Locator {
    return this.page.getByTestId("lab-result");
  }

  async labDown(timeout = 120_000): Promise<Locator> {
    await this.page.getByTestId("lab-down").click();
    await this.page.getByTestId("lab-down-confirm").click();
    await expect(this.page.getByTestId("lab-result")).toBeVisible({ timeout });
    return this.page.getByTestId("lab-result");
  }

  labLog(): Locator {
    return this.page.getByTestId("lab-log");
  }

  labHost(host: string): Locator {
    return this.page.getByTestId(`lab-host-${host}`);
  }

  inventory(name: string): Locator {
    return this.page.getByTestId(`inventory-${name}`);
  }

  async createInventory(name: string): Promise<void> {
    await this.page.getByTestId("new-inventory-name").fill(name);
    await this.page.getByTestId("new-inventory-create").click();
    await expect(this.inventory(name)).toBeVisible();
  }

  /** The add-host form of an inventory: fields by name (name, address, port, user, …). */
  addHost(inventory: string, part: string): Locator {
    return this.page.getByTestId(`inventory-${inventory}-add-${part}`);
  }

  hostRow(inventory: string, host: string): Locator {
    return this.inventory(inventory).getByTestId(`host-row-${host}`);
  }
}
