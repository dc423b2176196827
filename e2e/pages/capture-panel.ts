import { expect, type Locator, type Page } from "@playwright/test";

/** "Capture here" in the inspector, the capture dock under the canvas, and a cell's trace in the Test tab. */
export class CapturePanel {
  constructor(readonly page: Page) {}

  here(): Locator {
    return this.page.getByTestId("capture-here");
  }

  /** Fills the capture form of the selected element and clicks "Capture here". */
  async start(options: { at?: string; count?: number; seconds?: number; filter?: string } = {}): Promise<void> {
    await expect(this.here()).toBeVisible();
    if (options.at) await this.here().getByTestId("capture-point").selectOption(options.at);
    if (options.count) await this.here().getByTestId("capture-count").fill(String(options.count));
    if (options.seconds) await this.here().getByTestId("capture-seconds").fill(String(options.seconds));
    if (options.filter) await this.here().getByTestId("capture-filter").fill(options.filter);
    await this.here().getByTestId("capture-start").click();
    await expect(this.root()).toBeVisible();
  }

  root(): Locator {
    return this.page.getByTestId("capture-panel");
  }

  status(): Locator {
    return this.root().getByTestId("capture-status");
  }

  packets(): Locator {
    return this.root().getByTestId("capture-packet");
  }

  badges(kind: "vlan" | "vni" | "gre" | "port"): Locator {
    return this.root().getByTestId(`capture-badge-${kind}`);
  }

  layers(): Locator {
    return this.root().getByTestId("capture-layer");
  }

  highlighted(): Locator {
    return this.root().getByTestId("capture-field-highlight");
  }

  async stop(): Promise<void> {
    await this.root().getByTestId("capture-stop").click();
    await expect(this.root()).toHaveAttribute("data-status", /ended|error/, { timeout: 20_000 });
  }

  download(): Locator {
    return this.root().getByTestId("capture-download");
  }

  /** Runs "Trace" on the open matrix cell and waits for its hops. */
  async trace(): Promise<Locator> {
    await this.page.getByTestId("trace-run").click();
    const result = this.page.getByTestId("trace-result");
    await expect(result.or(this.page.getByTestId("trace-error"))).toBeVisible({ timeout: 60_000 });
    return result;
  }

  traceMarks(): Locator {
    return this.page.getByTestId("trace-mark");
  }
}
