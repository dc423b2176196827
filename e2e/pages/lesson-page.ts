import { expect, type Locator, type Page } from "@playwright/test";

type Outcome = "reach" | "blocked" | "bad-address";
type FaultKind = "link-down" | "route-removed" | "container-detached" | "wrong-vlan";

/** A lesson (guided or presenter view): its hosts bar, step list, the current step's regions, canvas and matrix. */
export class LessonPage {
  constructor(readonly page: Page) {}

  async gotoList(): Promise<void> {
    await this.page.goto("/lessons");
    await expect(this.page.getByTestId("lessons-page")).toBeVisible();
  }

  card(id: string): Locator {
    return this.page.getByTestId(`lesson-card-${id}`);
  }

  async open(id: string): Promise<void> {
    await this.card(id).click();
    await expect(this.root()).toHaveAttribute("data-lesson", id);
  }

  root(): Locator {
    return this.page.getByTestId("lesson");
  }

  title(): Locator {
    return this.page.getByTestId("lesson-title");
  }

  // The hosts bar.

  inventory(): Locator {
    return this.page.getByTestId("lesson-inventory");
  }

  /** Waits until an inventory with the lesson's hosts is picked (the lab's, registered when the page lists them). */
  async waitForHosts(name = "lab"): Promise<void> {
    await expect(async () => {
      await this.page.getByTestId("lesson-inventory-refresh").click();
      await expect(this.inventory().locator("option:checked")).toHaveText(new RegExp(`^${name}[ （]`), {
        timeout: 2000,
      });
    }).toPass({ timeout: 60_000 });
  }

  labState(): Locator {
    return this.page.getByTestId("lesson-lab-state");
  }

  async reset(): Promise<void> {
    await this.page.getByTestId("lesson-reset").click();
    await this.page.getByTestId("lesson-reset-confirm").click();
  }

  hostsMessage(): Locator {
    return this.page.getByTestId("lesson-hosts-message");
  }

  // Steps.

  async goToStep(id: string): Promise<void> {
    await this.page.getByTestId(`lesson-step-nav-${id}`).click();
    await expect(this.step()).toHaveAttribute("data-step", id);
  }

  navItem(id: string): Locator {
    return this.page.getByTestId(`lesson-step-nav-${id}`);
  }

  step(): Locator {
    return this.page.getByTestId("lesson-step");
  }

  stepTitle(): Locator {
    return this.step().getByTestId("lesson-step-title");
  }

  commands(): Locator {
    return this.step().getByTestId("lesson-command-line");
  }

  explanations(): Locator {
    return this.step().getByTestId("lesson-command-explain");
  }

  /**
   * Applies the current step and waits for its result; returns the status (done, partial, failed). A
   * "partial" because a lab host's SSH channel closed right after bring-up (a known lab hiccup) is
   * applied again, as a student would, up to twice: apply observes first and continues.
   */
  async applyStep(timeout = 180_000): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      await expect(this.step().getByTestId("lesson-apply")).toBeEnabled({ timeout: 30_000 });
      const before = await this.runOf(this.applyStatus());
      await this.step().getByTestId("lesson-apply").click();
      const status = await this.waitForApply(timeout, before);
      const text = (await this.applyStatus().textContent()) ?? "";
      if (status !== "partial" || attempt === 3 || !/connection lost|without an exit status/.test(text)) return status;
    }
  }

  /** The run a status line shows (null when none has started yet). */
  private async runOf(status: Locator): Promise<string | null> {
    return (await status.count()) ? await status.getAttribute("data-run") : null;
  }

  /** Waits for an apply (a run other than `before`, when given) to finish; returns its status. */
  async waitForApply(
    timeout = 180_000,
    before: string | null = null,
    status: Locator = this.applyStatus(),
  ): Promise<string> {
    if (before) await expect(status).not.toHaveAttribute("data-run", before, { timeout: 30_000 });
    await expect(status).not.toHaveAttribute("data-status", "running", { timeout });
    await expect(status).toHaveAttribute("data-status", /./, { timeout });
    return (await status.getAttribute("data-status")) ?? "";
  }

  applyStatus(): Locator {
    return this.step().getByTestId("lesson-apply-status");
  }

  async predict(ping: number, outcome: Outcome): Promise<void> {
    await this.step().getByTestId(`lesson-predict-${ping}-${outcome}`).check();
  }

  pingButton(): Locator {
    return this.step().getByTestId("lesson-ping-run");
  }

  /**
   * Runs the current step's pings and waits for them to finish. When a lab host's SSH channel closed
   * right after bring-up (a known lab hiccup, reported as the host unreachable), the pings are run again
   * as a student would, up to twice.
   */
  async runPings(timeout = 120_000): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await expect(this.pingButton()).toBeEnabled({ timeout: 30_000 });
      const before = await this.runOf(this.step().getByTestId("lesson-ping-status"));
      await this.pingButton().click();
      await this.waitForPings(timeout, before);
      const text = (await this.step().getByTestId("lesson-pings").textContent()) ?? "";
      if (attempt === 3 || !/connection lost|without an exit status/.test(text)) return;
    }
  }

  async waitForPings(timeout = 120_000, before: string | null = null): Promise<void> {
    const status = this.step().getByTestId("lesson-ping-status");
    await expect(status).toBeVisible({ timeout });
    if (before) await expect(status).not.toHaveAttribute("data-run", before, { timeout: 30_000 });
    await expect(status).not.toHaveAttribute("data-status", "running", { timeout });
  }

  ping(index: number): Locator {
    return this.step().getByTestId(`lesson-ping-${index}`);
  }

  diagnosis(index: number): Locator {
    return this.step().getByTestId(`lesson-ping-${index}-diagnosis`);
  }

  expected(index: number): Locator {
    return this.step().getByTestId(`lesson-ping-${index}-expected`);
  }

  takeaway(): Locator {
    return this.step().getByTestId("lesson-takeaway");
  }

  async replay(): Promise<void> {
    await this.step().getByTestId("lesson-step-replay").click();
  }

  // Break and fix.

  fault(): Locator {
    return this.step().getByTestId("lesson-fault");
  }

  async injectFault(): Promise<void> {
    await this.fault().getByTestId("lesson-fault-inject").click();
    await expect(this.fault()).toHaveAttribute("data-state", "broken", { timeout: 60_000 });
  }

  async lookAtHosts(): Promise<Locator> {
    await this.fault().getByTestId("lesson-fault-look").click();
    const drift = this.fault().getByTestId("lesson-fault-drift");
    await expect(drift).toBeVisible({ timeout: 60_000 });
    return drift;
  }

  async answer(kind: FaultKind): Promise<Locator> {
    await this.fault().getByTestId(`lesson-fault-choice-${kind}`).check();
    await this.fault().getByTestId("lesson-fault-answer").click();
    return this.fault().getByTestId("lesson-fault-feedback");
  }

  async repair(timeout = 120_000): Promise<string> {
    const status = this.fault().getByTestId("lesson-fault-repair-status");
    const before = await this.runOf(status);
    await this.fault().getByTestId("lesson-fault-repair").click();
    await expect(status).toBeVisible({ timeout: 30_000 });
    return this.waitForApply(timeout, before, status);
  }

  /** Checks the fix (the hosts, then the pings again); checked again if a lab hiccup spoilt the pings. */
  async checkFix(timeout = 120_000): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const before = await this.runOf(this.step().getByTestId("lesson-ping-status"));
      await this.fault().getByTestId("lesson-fault-check").click();
      await expect(this.fault().getByTestId("lesson-fault-onhosts")).toHaveAttribute("data-state", "gone", {
        timeout: 60_000,
      });
      await this.waitForPings(timeout, before);
      const text = (await this.step().getByTestId("lesson-pings").textContent()) ?? "";
      if (attempt === 3 || !/connection lost|without an exit status/.test(text)) break;
    }
    await expect(this.fault()).toHaveAttribute("data-state", "fixed", { timeout });
  }

  // The presenter view's regions.

  async switchMode(): Promise<void> {
    await this.page.getByTestId("lesson-mode-switch").click();
  }

  canvas(): Locator {
    return this.page.getByTestId("lesson-canvas");
  }

  matrix(): Locator {
    return this.page.getByTestId("lesson-matrix");
  }

  matrixCell(from: string, to: string, by: "ip" | "name"): Locator {
    return this.page.getByTestId(`lesson-matrix-grid-cell-${from}-${to}-${by}`);
  }
}
