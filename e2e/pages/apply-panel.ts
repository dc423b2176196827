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

  /** Picks the inventory whose option starts with `name` (e.g. "lab"), in either language. */
  async chooseInventory(name: string): Promise<void> {
    await this.root().getByTestId("inventory-refresh").click();
    const option = this.inventorySelect().locator("option", { hasText: new RegExp(`^${name}( |（)`) });
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

  /** Clicks Apply and waits until the new run is the one shown (its log replaces the previous run's). */
  async apply(): Promise<void> {
    const link = this.root().getByTestId("apply-run-link");
    const previous = (await link.count()) > 0 ? await link.getAttribute("href") : null;
    await expect(this.root().getByTestId("apply-run")).toBeEnabled({ timeout: 20_000 });
    await this.root().getByTestId("apply-run").click();
    if (previous) await expect(link).not.toHaveAttribute("href", previous);
    else await expect(link).toBeVisible();
  }

  /** Destroy, confirmed in its dialog; waits until the destroy run is the one shown. */
  async destroy(): Promise<void> {
    const link = this.root().getByTestId("apply-run-link");
    const previous = (await link.count()) > 0 ? await link.getAttribute("href") : null;
    await this.root().getByTestId("apply-destroy").click();
    await expect(this.page.getByTestId("destroy-dialog")).toBeVisible();
    await this.page.getByTestId("destroy-confirm").click();
    if (previous) await expect(link).not.toHaveAttribute("href", previous);
    else await expect(link).toBeVisible();
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
  async waitForResult(timeout = 180_000): Promise<string> {
    await expect(this.result()).toBeVisible({ timeout });
    return (await this.result().getAttribute("data-status")) ?? "";
  }

  /**
   * Applies, and applies again while the result is not `done` and converged (at most `attempts` times), as the
   * result's own advice says: the shared lab of this machine is busy (other test runs), and a
   * session sshd drops under load is reported as partial; re-applying observes first and converges.
   * Returns the status and the text of every result that was not `done`.
   */
  async applyUntilDone(attempts = 3): Promise<{ status: string; retried: string[] }> {
    const retried: string[] = [];
    for (let attempt = 1; ; attempt++) {
      await this.apply();
      const status = await this.waitForResult();
      const converged = (await this.result().getAttribute("data-converged")) === "true";
      if ((status === "done" && converged) || attempt >= attempts) return { status, retried };
      retried.push((await this.result().textContent()) ?? status);
      await expect(this.root().getByTestId("apply-run")).toBeEnabled({ timeout: 20_000 });
    }
  }

  /** Opens the tab, picks `inventory` and applies (again while not converged, as applyUntilDone); it must end done. */
  async applyOn(inventory: string): Promise<{ status: string; retried: string[] }> {
    await this.open();
    await this.chooseInventory(inventory);
    const applied = await this.applyUntilDone();
    expect(applied.status, `apply on ${inventory}, after: ${applied.retried.join(" | ")}`).toBe("done");
    return applied;
  }

  failure(host: string): Locator {
    return this.root().getByTestId(`apply-failure-${host}`);
  }

  error(): Locator {
    return this.root().getByTestId("apply-error");
  }
}
