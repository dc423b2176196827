import { expect } from "../fixtures/test";
import type { CanvasPanel } from "../pages/canvas-panel";
import type { InspectorPanel } from "../pages/inspector-panel";
import type { IssuesPanel } from "../pages/issues-panel";
import type { PalettePanel } from "../pages/palette-panel";

type Regions = {
  palette: PalettePanel;
  canvas: CanvasPanel;
  inspector: InspectorPanel;
  issues: IssuesPanel;
};

/**
 * Builds the tutorial's two-host macvlan design (examples/macvlan.yaml) on an empty canvas with the
 * mouse and the keyboard only, through the page objects: hosts, promiscuous ens33 NICs, the macvlan
 * network with its parents, and two containers with their addresses.
 */
export async function buildMacvlanByHand({ palette, canvas, inspector, issues }: Regions): Promise<void> {
  await palette.dragOnto("host", canvas.root(), { x: 200, y: 200 });
  await expect(canvas.node("host", "node-1")).toBeVisible();
  await palette.addWithKeyboard("host");
  await expect(canvas.node("host", "node-2")).toBeVisible();

  for (const [host, address] of [
    ["node-1", "192.168.0.53/24"],
    ["node-2", "192.168.0.54/24"],
  ] as const) {
    await canvas.select("host", host);
    await palette.addWithKeyboard("nic");
    await expect(canvas.node("nic", `${host}/eth0`)).toBeVisible();
    await inspector.fill("name", "ens33");
    await inspector.fill("address", address);
    await inspector.check("promisc");
    await expect(canvas.node("nic", `${host}/ens33`)).toContainText("promisc");
  }

  await palette.addWithKeyboard("network-macvlan");
  await expect(canvas.node("network", "mac_net1")).toBeVisible();
  await inspector.fill("subnet", "10.0.0.0/24");
  await inspector.fill("gateway", "10.0.0.1");
  await canvas.fitView();

  await canvas.connect({ kind: "network", name: "mac_net1" }, { kind: "nic", name: "node-1/ens33" });
  await expect(canvas.edge("parent", "mac_net1", "node-1/ens33")).toHaveCount(1);
  await canvas.select("network", "mac_net1");
  await inspector.choose("parent-node-2", "ens33");
  await expect(canvas.edge("parent", "mac_net1", "node-2/ens33")).toHaveCount(1);

  await canvas.select("host", "node-1");
  await palette.addWithKeyboard("container");
  await expect(canvas.node("container", "bbox-1")).toBeVisible();
  await canvas.fitView();
  await canvas.connect({ kind: "container", name: "bbox-1" }, { kind: "network", name: "mac_net1" });
  await canvas.select("container", "bbox-1");
  await inspector.fill("ip-mac_net1", "10.0.0.11");
  await expect(canvas.edgeLabel("attach", "bbox-1", "mac_net1")).toHaveText("10.0.0.11");

  const host2 = await canvas.node("host", "node-2").boundingBox();
  const box = await canvas.root().boundingBox();
  if (!host2 || !box) throw new Error("node-2 not visible");
  await palette.dragOnto("container", canvas.root(), {
    x: host2.x + host2.width / 2 - box.x,
    y: host2.y + host2.height - 20 - box.y,
  });
  await expect(canvas.node("container", "bbox-2")).toBeVisible();
  await inspector.choose("attach", "mac_net1");
  await inspector.fill("ip-mac_net1", "10.0.0.12");
  await expect(canvas.edgeLabel("attach", "bbox-2", "mac_net1")).toHaveText("10.0.0.12");

  await expect(issues.errors()).toHaveCount(0);
  await expect(canvas.saveStatus()).toHaveAttribute("data-status", "saved", { timeout: 15_000 });
}
