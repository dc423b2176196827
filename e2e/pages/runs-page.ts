import { expect, type Locator, type Page } from "@playwright/test";

/** The Runs page (history), a run's page, and the comparison of two ping runs. */
export class RunsPage {
  constructor(readonly page: Page) {}

  async goto(kind?: "apply" | "destroy" | "ping" | "lab"): Promise<void> {
    await this.page.goto(kind ? `/runs?kind=${kind}` : "/runs");
    await expect(this.page.getByTestId("runs-page")).toBeVisible();
  }

  /** The history's rows, of one kind and of one topology when given (the e2e database is shared by every spec). */
  rows(kind?: string, topology?: string): Locator {
    const rows = this.page.locator('[data-testid^="runs-row-"]');
    const ofKind = kind ? rows.and(this.page.locator(`[data-kind="${kind}"]`)) : rows;
    return topology ? ofKind.filter({ hasText: topology }) : ofKind;
  }

  async open(runId: string): Promise<void> {
    await this.page.getByTestId(`runs-open-${runId}`).click();
    await expect(this.page.getByTestId("run-page")).toBeVisible();
  }

  async compare(older: string, newer: string): Promise<void> {
    await this.page.getByTestId(`runs-pick-${older}`).check();
    await this.page.getByTestId(`runs-pick-${newer}`).check();
    await this.page.getByTestId("runs-compare").click();
    await expect(this.page.getByTestId("compare-page")).toBeVisible();
  }

  comparison(): Locator {
    return this.page.getByTestId("compare-summary");
  }

  change(from: string, to: string, by: "ip" | "name"): Locator {
    return this.page.getByTestId(`compare-change-${from}-${to}-${by}`);
  }

  storedCell(from: string, to: string, by: "ip" | "name"): Locator {
    return this.page.getByTestId(`stored-matrix-cell-${from}-${to}-${by}`);
  }

  storedDetails(): Locator {
    return this.page.getByTestId("stored-cell");
  }

  /** The id of a run from its page link (`/runs/<id>`). */
  static idFromHref(href: string | null): string {
    const id = href?.split("/runs/")[1];
    if (!id) throw new Error(`not a run link: ${href}`);
    return id;
  }
}
