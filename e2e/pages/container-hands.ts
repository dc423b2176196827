import { expect, type Locator, type Page } from "@playwright/test";

/** A container's hands: the inspector section, the canvas menu, the logs and console windows. */
export class ContainerHandsPanel {
  constructor(readonly page: Page) {}

  root(): Locator {
    return this.page.getByTestId("container-hands");
  }

  state(): Locator {
    return this.root().getByTestId("container-hands-state");
  }

  button(action: "start" | "stop" | "restart" | "logs" | "console"): Locator {
    return this.root().getByTestId(`container-${action}`);
  }

  message(): Locator {
    return this.root().getByTestId("container-hands-message");
  }

  /** Clicks start/stop/restart and waits for its outcome line. */
  async act(action: "start" | "stop" | "restart"): Promise<void> {
    await this.button(action).click();
    await expect(this.message()).toHaveAttribute("data-busy", "false", { timeout: 60_000 });
  }

  menuItem(item: "start" | "stop" | "restart" | "logs" | "console"): Locator {
    return this.page.getByTestId(`container-menu-${item}`);
  }

  window(kind: "logs" | "console"): Locator {
    return this.page.getByTestId(`hands-window-${kind}`);
  }

  async closeWindow(): Promise<void> {
    await this.page.getByTestId("hands-window-close").click();
  }

  console(): Locator {
    return this.page.getByTestId("console-panel");
  }

  /** What the terminal shows (xterm's DOM rows). */
  terminalText(): Locator {
    return this.console().locator(".xterm-rows");
  }

  /** Types a line into the console (the terminal has the keyboard focus once clicked). */
  async typeLine(text: string): Promise<void> {
    await this.console().getByTestId("console-terminal").click();
    await this.page.keyboard.type(text, { delay: 5 });
    await this.page.keyboard.press("Enter");
  }

  logsOutput(): Locator {
    return this.page.getByTestId("logs-output");
  }
}
