import { createInventory } from "../lib/store/inventories";
import { expect, test, uniqueName } from "./fixtures/test";
import { ApplyPanel } from "./pages/apply-panel";
import { HostsPage } from "./pages/hosts-page";
import { LoginPage } from "./pages/login-page";
import { TopologiesPage } from "./pages/topologies-page";
import { withE2eStore } from "./support/store";
import { addUser } from "./support/users";

/**
 * Inventory policy on the Hosts page: the ssh-agent is off until an admin allows it for one
 * inventory (then the add-host form offers it), and an admin limits an operator to reading one
 * inventory; the operator sees that limit and cannot change it, and their apply there is refused
 * before any run starts while they still apply on another inventory.
 */

/** The runs the dashboard recorded on the inventory called `inventory`, with who started them. */
function runsOn(inventory: string): { who: string }[] {
  return withE2eStore(
    (store) =>
      store.sqlite
        .prepare("SELECT r.who AS who FROM runs r JOIN inventories i ON i.id = r.inventory_id WHERE i.name = ?")
        .all(inventory) as { who: string }[],
  );
}

test("an admin allows the ssh-agent for one inventory and limits an operator to reading it", async ({
  page,
  browser,
}) => {
  const hosts = new HostsPage(page);
  await hosts.goto();
  const name = uniqueName("prod");
  const other = uniqueName("dev");
  await hosts.createInventory(name);
  await hosts.createInventory(other);
  const card = hosts.inventory(name);
  await expect(card.getByTestId(`inventory-${name}-agent`)).toContainText("ssh-agent: off");
  await expect(card.getByTestId(`inventory-${name}-add-use-agent`)).toHaveCount(0);
  await card.getByTestId(`inventory-${name}-agent-toggle`).click();
  await expect(card.getByTestId(`inventory-${name}-agent`)).toContainText("allowed for this inventory");
  await expect(card.getByTestId(`inventory-${name}-add-use-agent`)).toBeVisible();
  await expect(hosts.inventory(other).getByTestId(`inventory-${other}-agent`)).toContainText("ssh-agent: off");

  const operator = uniqueName("op");
  const password = await addUser(operator, "operator");
  await card.getByTestId(`inventory-${name}-grant-user`).fill(operator);
  await card.getByTestId(`inventory-${name}-grant-access`).selectOption("read");
  await card.getByTestId(`inventory-${name}-grant-set`).click();
  await expect(card.getByTestId(`inventory-${name}-grant-${operator}`)).toContainText("read only");

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    const opPage = await context.newPage();
    const login = new LoginPage(opPage);
    await login.goto("/hosts");
    await login.signIn(operator, password);
    const opHosts = new HostsPage(opPage);
    await expect(opPage.getByTestId("hosts-page")).toBeVisible();
    const seen = opHosts.inventory(name);
    await expect(seen.getByTestId(`inventory-${name}-grant-${operator}`)).toContainText("read only");
    await expect(seen.getByTestId(`inventory-${name}-agent-toggle`)).toHaveCount(0);
    await expect(seen.getByTestId(`inventory-${name}-grant-set`)).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test("an operator limited to reading 'production' is refused an apply there before any run starts, and still applies on another inventory", async ({
  page,
  browser,
  topologies,
}) => {
  const hosts = new HostsPage(page);
  await hosts.goto();
  const production = uniqueName("production");
  const lab = uniqueName("labinv");
  await hosts.createInventory(production);
  await hosts.createInventory(lab);
  const operator = uniqueName("op");
  const password = await addUser(operator, "operator");
  const card = hosts.inventory(production);
  await card.getByTestId(`inventory-${production}-grant-user`).fill(operator);
  await card.getByTestId(`inventory-${production}-grant-access`).selectOption("read");
  await card.getByTestId(`inventory-${production}-grant-set`).click();
  await expect(card.getByTestId(`inventory-${production}-grant-${operator}`)).toContainText("read only");
  const design = uniqueName("grants");
  await topologies.goto();
  // An empty design needs no hosts, so the inventories need none: what is tested is the permission alone.
  await topologies.create(design);

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    const opPage = await context.newPage();
    const login = new LoginPage(opPage);
    await login.goto("/topologies");
    await login.signIn(operator, password);
    const opTopologies = new TopologiesPage(opPage);
    await expect(opPage.getByTestId("topologies-page")).toBeVisible();
    await opTopologies.open(design);
    const apply = new ApplyPanel(opPage);
    await apply.open();

    await apply.chooseInventory(production);
    await apply.root().getByTestId("apply-run").click();
    await expect(apply.root().getByTestId("apply-error")).toContainText(
      `${operator} may only read inventory '${production}': an admin limited them there`,
    );
    expect(runsOn(production)).toEqual([]);

    await apply.chooseInventory(lab);
    await apply.apply();
    expect(runsOn(lab)).toEqual([{ who: operator }]);
    expect(runsOn(production)).toEqual([]);
  } finally {
    await context.close();
  }
});

test("a key file path on the dashboard machine is shown to an admin and never reaches a viewer's browser", async ({
  page,
  browser,
}) => {
  // Only the lab's own inventory names a key file now; an inventory stored with one stands in for it.
  const name = uniqueName("keyfile");
  const keyPath = `/root/.ssh/${uniqueName("secret-key")}`;
  withE2eStore((store) => {
    const created = createInventory(store, {
      name,
      document: `hosts:\n  node-1:\n    address: 198.18.0.11\n    ssh:\n      port: 22\n      user: root\n      key: ${keyPath}\n      hostKey: SHA256:${"A".repeat(43)}\n`,
    });
    if (!created.ok) throw new Error(created.error.message);
  });
  const hosts = new HostsPage(page);
  await hosts.goto();
  await expect(hosts.hostRow(name, "node-1").getByTestId("host-row-node-1-key")).toHaveText(keyPath);

  const viewer = uniqueName("viewer");
  const password = await addUser(viewer, "viewer");
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    const viewerPage = await context.newPage();
    const login = new LoginPage(viewerPage);
    await login.goto("/hosts");
    await login.signIn(viewer, password);
    const viewerHosts = new HostsPage(viewerPage);
    await expect(viewerHosts.hostRow(name, "node-1").getByTestId("host-row-node-1-key")).toHaveText("(key file)");
    // Not in the page, nor in the data React was sent with it.
    expect(await viewerPage.content()).not.toContain(keyPath);
    const html = await (await viewerPage.request.get("/hosts")).text();
    expect(html).toContain(name);
    expect(html).not.toContain(keyPath);
  } finally {
    await context.close();
  }
});
