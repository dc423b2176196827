import type { Locator, Page } from "@playwright/test";

export type PaletteKey =
  | "host"
  | "nic"
  | "vlan"
  | "container"
  | "network-bridge"
  | "network-macvlan"
  | "network-overlay"
  | "network-ovs"
  | "network-flannel"
  | "network-weave"
  | "network-calico";

/** The palette: entries to drag onto the canvas, or to add with the keyboard. */
export class PalettePanel {
  constructor(readonly page: Page) {}

  item(key: PaletteKey): Locator {
    return this.page.getByTestId(`palette-${key}`);
  }

  /** Adds with the keyboard: focus the entry and press Enter (children go into the selected host). */
  async addWithKeyboard(key: PaletteKey): Promise<void> {
    await this.item(key).focus();
    await this.page.keyboard.press("Enter");
  }

  /** Drags the entry onto `target` (the canvas or a node), at `position` inside it. */
  async dragOnto(key: PaletteKey, target: Locator, position?: { x: number; y: number }): Promise<void> {
    await this.item(key).dragTo(target, position ? { targetPosition: position } : {});
  }
}
