import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { ARTIFACTS, expect, test, uniqueName } from "./fixtures/test";

/**
 * The tutorial's macvlan-over-802.1Q design (examples/macvlan-8021q.yaml) built by drag and drop:
 * every connection is released on the middle of the target node's body, never on its handle.
 */
test("build macvlan over 802.1Q by dragging, connecting by drops on node bodies", async ({
  page,
  topologies,
  palette,
  canvas,
  inspector,
  issues,
  yaml,
}) => {
  test.setTimeout(150_000); // some forty drags and drops; the machine is shared
  await page.setViewportSize({ width: 1440, height: 900 });
  await topologies.goto();
  await topologies.create(uniqueName("vlan-drops"));

  // Two hosts dragged onto the canvas, a NIC dragged onto each host, two VLANs dragged onto each NIC.
  await palette.dragOnto("host", canvas.root(), { x: 150, y: 300 });
  await palette.dragOnto("host", canvas.root(), { x: 560, y: 300 });
  for (const [host, nic, octet] of [
    ["node-1", "ens33", "10"],
    ["node-2", "ens32", "20"],
  ] as const) {
    await palette.dragOnto("nic", canvas.node("host", host));
    await expect(canvas.node("nic", `${host}/eth0`)).toBeVisible();
    await inspector.fill("name", nic);
    await inspector.check("promisc");
    for (const vid of ["10", "20"]) {
      await palette.dragOnto("vlan", canvas.node("nic", `${host}/${nic}`));
      await expect(canvas.node("vlan", `${host}/${nic}.${vid}`)).toBeVisible();
      await inspector.fill("address", `192.168.${vid === "10" ? 1 : 2}.${octet}/24`);
    }
  }

  await canvas.autoLayout();

  // The two macvlan networks.
  for (const [x, name, third] of [
    [150, "mac_net11", "11"],
    [450, "mac_net12", "12"],
  ] as const) {
    await palette.dragOnto("network-macvlan", canvas.root(), { x, y: 60 });
    await inspector.fill("name", name);
    await inspector.fill("subnet", `172.16.${third}.0/24`);
    await inspector.fill("gateway", `172.16.${third}.1`);
  }

  // Containers dragged onto their hosts (below their interfaces).
  await canvas.autoLayout();
  for (const host of ["node-1", "node-2"])
    for (let i = 0; i < 2; i++) {
      const box = await canvas.node("host", host).boundingBox();
      if (!box) throw new Error(`${host} not visible`);
      await palette.dragOnto("container", canvas.node("host", host), { x: box.width / 2, y: box.height - 12 });
      await canvas.autoLayout();
    }
  await canvas.autoLayout();
  for (const [from, to] of [
    ["bbox-1", "bbox-11"],
    ["bbox-2", "bbox-12"],
    ["bbox-3", "bbox-21"],
    ["bbox-4", "bbox-22"],
  ] as const) {
    await canvas.select("container", from);
    await inspector.fill("name", to);
    await expect(canvas.node("container", to)).toBeVisible();
  }
  await canvas.autoLayout();

  // Parents: network handle → the VLAN's body.
  for (const [network, host, iface] of [
    ["mac_net11", "node-1", "ens33.10"],
    ["mac_net11", "node-2", "ens32.10"],
    ["mac_net12", "node-1", "ens33.20"],
    ["mac_net12", "node-2", "ens32.20"],
  ] as const) {
    await canvas.connectToBody({ kind: "network", name: network }, { kind: "vlan", name: `${host}/${iface}` });
    await expect(canvas.edge("parent", network, `${host}/${iface}`)).toHaveCount(1);
  }

  // Attachments: container handle → the network's body; then the fixed addresses.
  for (const [container, network, ip] of [
    ["bbox-11", "mac_net11", "172.16.11.11"],
    ["bbox-12", "mac_net12", "172.16.12.11"],
    ["bbox-21", "mac_net11", "172.16.11.12"],
    ["bbox-22", "mac_net12", "172.16.12.12"],
  ] as const) {
    await canvas.connectToBody({ kind: "container", name: container }, { kind: "network", name: network });
    await expect(canvas.edge("attach", container, network)).toHaveCount(1);
    await canvas.select("container", container);
    await inspector.fill(`ip-${network}`, ip);
    await expect(canvas.edgeLabel("attach", container, network)).toHaveText(ip);
  }

  // A drop on a node that cannot take the connection says why, and draws nothing.
  await canvas.connectToBody({ kind: "container", name: "bbox-11" }, { kind: "container", name: "bbox-12" });
  await expect(canvas.toast()).toContainText("Containers reach each other through a network");
  await canvas.connectToBody({ kind: "network", name: "mac_net11" }, { kind: "vlan", name: "node-1/ens33.20" });
  await expect(canvas.toast()).toContainText("already has a parent on node-1");

  // The centre of a VLAN selects it (the NIC→VLAN link does not take the click).
  await canvas.clickCentre("vlan", "node-2/ens32.20");
  await expect(inspector.title()).toHaveText("VLAN sub-interface");
  await expect(inspector.field("address")).toHaveValue("192.168.2.20/24");

  // Each network wears its own colour, on its node and its edges; parents and attachments differ.
  const colourOf = (testId: string) =>
    page.getByTestId(testId).evaluate((el) => getComputedStyle(el).stroke || getComputedStyle(el).borderLeftColor);
  const net11 = await canvas.node("network", "mac_net11").evaluate((el) => getComputedStyle(el).borderLeftColor);
  const net12 = await canvas.node("network", "mac_net12").evaluate((el) => getComputedStyle(el).borderLeftColor);
  expect(net11).not.toBe(net12);
  expect(await colourOf("canvas-edge-attach-bbox-11->mac_net11")).toBe(net11);
  expect(await colourOf("canvas-edge-parent-mac_net12->node-1/ens33.20")).toBe(net12);
  const dash = (testId: string) => page.getByTestId(testId).getAttribute("stroke-dasharray");
  expect(await dash("canvas-edge-attach-bbox-11->mac_net11")).toBeNull();
  expect(await dash("canvas-edge-parent-mac_net11->node-1/ens33.10")).not.toBeNull();

  await expect(issues.errors()).toHaveCount(0);
  await canvas.fitView();
  await page.screenshot({ path: `${ARTIFACTS}/editor-8021q-by-drops.png` });

  // The drawing is the tutorial's design.
  await yaml.open();
  const drawn = parse(await yaml.text()) as Record<string, unknown>;
  const expected = parse(readFileSync("examples/macvlan-8021q.yaml", "utf8")) as Record<string, unknown>;
  expect({ ...drawn, name: undefined, description: undefined }).toEqual({
    ...expected,
    name: undefined,
    description: undefined,
  });
});

test("a pasted host gets fresh names and addresses, so no duplicate passes as 'No issues'", async ({
  page,
  topologies,
  canvas,
  issues,
  yaml,
}) => {
  await topologies.goto();
  await topologies.create(uniqueName("paste"), "macvlan-8021q");
  await canvas.select("host", "node-1");
  await page.keyboard.press("ControlOrMeta+c");
  await page.keyboard.press("ControlOrMeta+v");
  await expect(canvas.node("host", "node-1-copy")).toBeVisible();
  await yaml.open();
  const drawn = parse(await yaml.text()) as {
    hosts: Record<string, { nics: Record<string, { vlans?: Record<string, { address?: string }> }> }>;
  };
  expect(drawn.hosts["node-1-copy"]?.nics.ens33?.vlans?.["10"]?.address).toBe("192.168.1.11/24");
  await expect(issues.byCode("duplicate-ip")).toHaveCount(0);
  await expect(issues.errors()).toHaveCount(0);
});

test("the canvas in both themes and languages, its badges translated", async ({ page, topologies, canvas }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await topologies.goto();
  await topologies.create(uniqueName("looks"), "macvlan-8021q");
  await canvas.fitView();
  for (const [theme, language] of [
    ["light", "en"],
    ["dark", "en"],
    ["dark", "zh"],
    ["light", "zh"],
  ] as const) {
    const html = page.locator("html");
    if ((await html.getAttribute("data-theme")) !== theme) await page.getByTestId("theme-toggle").click();
    await expect(html).toHaveAttribute("data-theme", theme);
    const locale = language === "zh" ? "zh-CN" : "en";
    if ((await page.getByTestId("locale-switch").getAttribute("data-locale")) !== locale)
      await page.getByTestId("locale-switch").click();
    await expect(page.getByTestId("locale-switch")).toHaveAttribute("data-locale", locale);
    await expect(canvas.node("container", "bbox-11")).toContainText(language === "zh" ? "容器" : "ctr");
    await expect(canvas.node("nic", "node-1/ens33")).toContainText(language === "zh" ? "混杂模式" : "promisc");
    await page.screenshot({ path: `${ARTIFACTS}/editor-8021q-${theme}-${language}.png` });
  }
});
