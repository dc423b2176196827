import { expect, test, uniqueName } from "./fixtures/test";
import { HostsPage } from "./pages/hosts-page";
import { LoginPage } from "./pages/login-page";
import { addUser } from "./support/users";

/**
 * Inventory policy on the Hosts page: the ssh-agent is off until an admin allows it for one
 * inventory (then the add-host form offers it), and an admin limits an operator to reading one
 * inventory; the operator sees that limit and cannot change it.
 */

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
