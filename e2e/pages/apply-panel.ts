import { expect, type Locator, type Page } from "@playwright/test";

/** The Apply tab: inventory, plan against the observed hosts, Apply/Destroy, the live log. */
export class ApplyPanel {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId("tab-apply").click();
    await expect(this.root()).toBeVisible();
  }

  root(): Locator {
    return this.page.getByTestId("apply-panel");
  }

  inventorySelect(): Locator {
    return this.root().getByTestId("inventory-select");
  }

  /** Picks the inventory whose option starts with `name` (e.g. "lab"). */
  async chooseInventory(name: string): Promise<void> {
    await this.root().getByTestId("inventory-refresh").click();
    const option = this.inventorySelect().locator("option", { hasText: new RegExp(`^${name} `) });
    await expect(option).toHaveCount(1);
    await this.inventorySelect().selectOption({ label: (await option.textContent()) ?? name });
  }

  async planAgainstHosts(): Promise<void> {
    await this.root().getByTestId("apply-check").click();
    await expect(this.root().getByTestId("apply-observed")).toBeVisible({ timeout: 30_000 });
  }

  planSummary(): Locator {
    return this.root().getByTestId("apply-plan-summary");
  }

  planHost(host: string): Locator {
    return this.root().getByTestId(`apply-plan-host-${host}`);
  }

  planSteps(): Locator {
    return this.root().getByTestId("apply-plan-step");
  }

  drift(): Locator {
    return this.root().getByTestId("apply-drift");
  }

  async apply(): Promise<void> {
    await expect(this.root().getByTestId("apply-run")).toBeEnabled({ timeout: 20_000 });
    await this.root().getByTestId("apply-run").click();
  }

  async destroy(): Promise<void> {
    await this.root().getByTestId("apply-destroy").click();
    await expect(this.page.getByTestId("destroy-dialog")).toBeVisible();
    await this.page.getByTestId("destroy-confirm").click();
  }

  log(): Locator {
    return this.root().getByTestId("apply-log");
  }

  logHost(host: string): Locator {
    return this.root().getByTestId(`apply-log-host-${host}`);
  }

  logSteps(host: string): Locator {
    return this.logHost(host).getByTestId("apply-log-step");
  }

  result(): Locator {
    return this.root().getByTestId("apply-result");
  }

  /** Waits for the run's result and returns its status (done, partial, failed). */
  async waitForResult(timeout = 120_000): Promise<string> {
    await expect(this.result()).toBeVisible({ timeout });
    return (await this.result().getAttribute("data-status")) ?? "";
  }

  failure(host: string): Locator {
    return this.root().getByTestId(`apply-failure-${host}`);
  }

  error(): Locator {
    return this.root().getByTestId("apply-error");
  }
}
