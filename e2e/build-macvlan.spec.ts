import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { ARTIFACTS, expect, test, uniqueName } from "./fixtures/test";

/**
 * The tutorial's two-host macvlan design (examples/macvlan.yaml), built from an empty canvas with
 * the mouse and the keyboard only: no YAML typed.
 */
test("build the two-host macvlan topology by mouse and keyboard, then read its plan", async ({
  page,
  topologies,
  palette,
  canvas,
  inspector,
  issues,
  yaml,
  plan,
}) => {
  const name = uniqueName("macvlan");
  await topologies.goto();
  await topologies.create(name);
  await expect(page.getByTestId("issues-empty")).toBeVisible();

  // Hosts: one dragged onto the canvas, one added with the keyboard.
  await palette.dragOnto("host", canvas.root(), { x: 200, y: 200 });
  await expect(canvas.node("host", "node-1")).toBeVisible();
  await palette.addWithKeyboard("host");
  await expect(canvas.node("host", "node-2")).toBeVisible();

  // A promiscuous NIC on each host, renamed to the tutorial's ens33 with its address.
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

  // The macvlan network, with its subnet and gateway.
  await palette.addWithKeyboard("network-macvlan");
  await expect(canvas.node("network", "mac_net1")).toBeVisible();
  await expect(issues.byCode("macvlan-no-subnet")).toHaveCount(1);
  await inspector.fill("subnet", "10.0.0.0/24");
  await inspector.fill("gateway", "10.0.0.1");
  await canvas.fitView();

  // Parent on node-1 drawn with the mouse; on node-2 picked in the inspector.
  await canvas.connect({ kind: "network", name: "mac_net1" }, { kind: "nic", name: "node-1/ens33" });
  await expect(canvas.edge("parent", "mac_net1", "node-1/ens33")).toHaveCount(1);
  await canvas.select("network", "mac_net1");
  await inspector.choose("parent-node-2", "ens33");
  await expect(canvas.edge("parent", "mac_net1", "node-2/ens33")).toHaveCount(1);

  // Containers: bbox-1 added with the keyboard and attached with the mouse; bbox-2 dragged onto node-2.
  await canvas.select("host", "node-1");
  await palette.addWithKeyboard("container");
  await expect(canvas.node("container", "bbox-1")).toBeVisible();
  await canvas.fitView();
  await canvas.connect({ kind: "container", name: "bbox-1" }, { kind: "network", name: "mac_net1" });
  await expect(canvas.edgeLabel("attach", "bbox-1", "mac_net1")).toHaveText("10.0.0.2 (auto)");
  await canvas.select("container", "bbox-1");
  await inspector.fill("ip-mac_net1", "10.0.0.11");
  await expect(canvas.edgeLabel("attach", "bbox-1", "mac_net1")).toHaveText("10.0.0.11");

  const host2 = await canvas.node("host", "node-2").boundingBox();
  if (!host2) throw new Error("node-2 not visible");
  await palette.dragOnto("container", canvas.root(), {
    x: host2.x + host2.width / 2 - ((await canvas.root().boundingBox())?.x ?? 0),
    y: host2.y + host2.height - 20 - ((await canvas.root().boundingBox())?.y ?? 0),
  });
  await expect(canvas.node("container", "bbox-2")).toBeVisible();
  await inspector.choose("attach", "mac_net1");
  await inspector.fill("ip-mac_net1", "10.0.0.12");

  // Nothing wrong: only the tutorial's lesson (no DNS across hosts on macvlan) remains, as info.
  await expect(issues.errors()).toHaveCount(0);
  await expect(issues.byCode("macvlan-no-dns-across-hosts")).toHaveCount(1);
  await page.screenshot({ path: `${ARTIFACTS}/editor-macvlan-built.png` });

  // The drawing is the tutorial's design.
  await yaml.open();
  const drawn = parse(await yaml.text()) as Record<string, unknown>;
  const expected = parse(readFileSync("examples/macvlan.yaml", "utf8")) as Record<string, unknown>;
  expect({ ...drawn, name: undefined, description: undefined }).toEqual({
    ...expected,
    name: undefined,
    description: undefined,
  });
  await page.screenshot({ path: `${ARTIFACTS}/editor-yaml.png` });

  // A container IP outside the subnet is an error on the field and on the canvas, gone when fixed.
  // Autosaved first, so the fix below returns the design to the saved version exactly.
  await expect(canvas.saveStatus()).toHaveAttribute("data-status", "saved", { timeout: 15_000 });
  await inspector.open();
  await canvas.select("container", "bbox-1");
  await inspector.fill("ip-mac_net1", "10.9.0.11");
  await expect(issues.byCode("ip-outside-subnet")).toHaveCount(1);
  await expect(inspector.error("ip-mac_net1")).toContainText("10.9.0.11");
  await expect(canvas.edgeLabel("attach", "bbox-1", "mac_net1")).toHaveText("10.9.0.11");
  await page.screenshot({ path: `${ARTIFACTS}/editor-ip-error.png` });
  await plan.open();
  await expect(plan.blocked()).toBeVisible();
  await inspector.open();
  await issues.byCode("ip-outside-subnet").click();
  await expect(inspector.title()).toHaveText("Attachment");
  await expect(inspector.error("ip")).toContainText("10.9.0.11");
  await inspector.fill("ip", "10.0.0.11");
  await expect(issues.byCode("ip-outside-subnet")).toHaveCount(0);
  await expect(issues.errors()).toHaveCount(0);
  // Back to the saved version: the status says saved, not "draft, 1 to fix" (it stayed so before).
  await expect(canvas.saveStatus()).toHaveAttribute("data-status", "saved");

  // The plan: promiscuous parents, the macvlan network on each host, containers with their addresses.
  await plan.open();
  await expect(plan.text()).toContainText("ip link set ens33 promisc on");
  await expect(plan.text()).toContainText("docker network create -d macvlan");
  await expect(plan.text()).toContainText("parent=ens33");
  await expect(plan.text()).toContainText("--ip 10.0.0.11");
  await expect(plan.text()).toContainText("--ip 10.0.0.12");
  await page.screenshot({ path: `${ARTIFACTS}/editor-plan.png` });

  // Saved (autosave), and still there after a reload.
  await expect(canvas.saveStatus()).toHaveAttribute("data-status", "saved", { timeout: 15_000 });
  await page.reload();
  await expect(canvas.node("container", "bbox-2")).toBeVisible();
  await expect(canvas.edgeLabel("attach", "bbox-1", "mac_net1")).toHaveText("10.0.0.11");
});
