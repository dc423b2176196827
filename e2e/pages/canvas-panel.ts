import { expect, type Locator, type Page } from "@playwright/test";

type Kind = "host" | "nic" | "vlan" | "network" | "container";

/** The React Flow canvas: nodes by kind and name, handles, edges, keyboard. */
export class CanvasPanel {
  constructor(readonly page: Page) {}

  root(): Locator {
    return this.page.getByTestId("canvas");
  }

  /** NICs and VLANs are named per host: node("nic", "node-1/ens33"). */
  node(kind: Kind, name: string): Locator {
    return this.page.getByTestId(`canvas-node-${kind}-${name}`);
  }

  handle(kind: Kind, name: string): Locator {
    return this.page.getByTestId(`canvas-node-${kind}-${name}-handle`);
  }

  issueMark(kind: Kind, name: string): Locator {
    return this.page.getByTestId(`canvas-node-${kind}-${name}-issue`);
  }

  edgeLabel(kind: "attach", source: string, target: string): Locator {
    return this.page.getByTestId(`canvas-edge-${kind}-${source}->${target}-label`);
  }

  edge(kind: "attach" | "parent", source: string, target: string): Locator {
    return this.page.getByTestId(`canvas-edge-${kind}-${source}->${target}`);
  }

  /** Selects a node by clicking it (hosts by their header). */
  async select(kind: Kind, name: string): Promise<void> {
    const node = this.node(kind, name);
    await node.click({ position: { x: 24, y: 12 } });
  }

  /** Draws a connection with the mouse, from one node's handle to another's. */
  async connect(from: { kind: Kind; name: string }, to: { kind: Kind; name: string }): Promise<void> {
    const source = await this.handle(from.kind, from.name).boundingBox();
    const target = await this.handle(to.kind, to.name).boundingBox();
    if (!source || !target) throw new Error("handle not visible");
    await this.page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
    await this.page.mouse.up();
  }

  /**
   * Draws a connection from one node's handle and releases it in the middle of the other node's
   * body, away from its handle: the way a person aims.
   */
  async connectToBody(from: { kind: Kind; name: string }, to: { kind: Kind; name: string }): Promise<void> {
    const source = await this.handle(from.kind, from.name).boundingBox();
    const target = await this.node(to.kind, to.name).boundingBox();
    if (!source || !target) throw new Error("node not visible");
    await this.page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(target.x + target.width / 2, target.y + target.height * 0.7, { steps: 12 });
    await this.page.mouse.up();
  }

  /** Clicks the very centre of a node. */
  async clickCentre(kind: Kind, name: string): Promise<void> {
    await this.node(kind, name).click();
  }

  async autoLayout(): Promise<void> {
    await this.page.getByTestId("toolbar-layout").click();
  }

  /** Types into the canvas search and picks the result of that kind and name. */
  async find(kind: Kind, name: string): Promise<void> {
    await this.page.keyboard.press("/");
    const input = this.page.getByTestId("canvas-search-input");
    await expect(input).toBeFocused();
    await input.fill("");
    await input.fill(name);
    await this.page.getByTestId(`canvas-search-result-${kind}-${name}`).click();
  }

  async fitView(): Promise<void> {
    await this.page.getByTestId("toolbar-fit").click();
  }

  async expectNodeCount(kind: Kind, count: number): Promise<void> {
    await expect(this.page.locator(`[data-testid^="canvas-node-${kind}-"][data-level]`)).toHaveCount(count);
  }

  toast(): Locator {
    return this.page.getByTestId("toast");
  }

  saveStatus(): Locator {
    return this.page.getByTestId("save-status");
  }
}
