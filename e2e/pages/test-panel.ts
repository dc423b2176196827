import { expect, type Locator, type Page } from "@playwright/test";

/** The Test tab: selection, Run matrix, the heat-map, a cell's details, exports, re-run failed. */
export class TestPanel {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId("tab-test").click();
    await expect(this.root()).toBeVisible();
  }

  root(): Locator {
    return this.page.getByTestId("test-panel");
  }

  async by(value: "ip" | "name" | "both" | "tcp" | "udp" | "mtu" | "all"): Promise<void> {
    await this.root().getByTestId(`test-by-${value}`).check();
  }

  async run(): Promise<void> {
    await expect(this.root().getByTestId("test-run")).toBeEnabled({ timeout: 20_000 });
    await this.root().getByTestId("test-run").click();
  }

  async rerunFailed(): Promise<void> {
    await this.root().getByTestId("test-rerun-failed").click();
  }

  summary(): Locator {
    return this.root().getByTestId("test-summary");
  }

  /** Waits until the run finished (the summary shows its duration). */
  async waitForDone(timeout = 90_000): Promise<void> {
    await expect(this.summary()).toHaveAttribute("data-live", "false", { timeout });
    // finished: the run's summary (with its duration, in the reader's language) has arrived
    await expect(this.summary()).toHaveAttribute("data-finished", "true", { timeout });
  }

  cell(from: string, to: string, by: "ip" | "name" | "tcp" | "udp" | "mtu"): Locator {
    return this.root().getByTestId(`matrix-cell-${from}-${to}-${by}`);
  }

  async openCell(from: string, to: string, by: "ip" | "name" | "tcp" | "udp" | "mtu"): Promise<void> {
    await this.cell(from, to, by).click();
    await expect(this.details()).toBeVisible();
  }

  details(): Locator {
    return this.root().getByTestId("cell-details");
  }

  detail(part: "verdict" | "expected" | "actual" | "error" | "diagnosis" | "command" | "raw"): Locator {
    return this.root().getByTestId(`cell-details-${part}`);
  }

  exportButton(format: "csv" | "json"): Locator {
    return this.root().getByTestId(`matrix-export-${format}`);
  }

  runLink(): Locator {
    return this.root().getByTestId("test-run-link");
  }
}
