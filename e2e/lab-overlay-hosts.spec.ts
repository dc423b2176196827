import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ARTIFACTS, expect, test, uniqueName } from "./fixtures/test";
import { e2eLabInventory, labDown, labState, waitForNoLab } from "./support/lab";

/**
 * The Hosts & lab page drives the lab (up for a topology, status, down) and an inventory (a host
 * added with its fetched and confirmed host key, its key uploaded and shown only by fingerprint, a
 * connection test); the overlay-isolation template applies on that lab and its matrix is green.
 */
test.describe("overlay isolation on a lab brought up from the Hosts page", () => {
  test.beforeAll(async () => {
    test.setTimeout(25 * 60_000);
    await waitForNoLab();
  });

  test.afterAll(async () => {
    test.setTimeout(120_000);
    await labDown();
  });

  test("lab up from the page, a host with a confirmed key, apply, a green matrix, lab down", async ({
    page,
    topologies,
    hosts,
    apply,
    testPanel,
    canvas,
  }) => {
    // Includes waiting for other labs on this shared machine to go down.
    test.setTimeout(30 * 60_000);
    const name = uniqueName("overlay");

    await test.step("a topology from the overlay-isolation template", async () => {
      await topologies.goto();
      await topologies.create(name, "overlay-isolation");
      await expect(canvas.node("container", "bbox-3")).toBeVisible();
      await expect(canvas.saveStatus()).toHaveAttribute("data-status", "saved");
    });
    const editorUrl = page.url();

    await test.step("the lab comes up for it from the Hosts & lab page, progress streamed", async () => {
      // One lab at a time on this machine, shared with other test runs: when another lab comes up
      // between our check and our click, the page says so; wait for it and try again.
      let outcome = { ok: false, text: "" };
      for (let attempt = 1; attempt <= 5 && !outcome.ok; attempt++) {
        await waitForNoLab();
        await hosts.goto();
        if ((await hosts.lab().getAttribute("data-state")) !== "down") continue;
        outcome = await hosts.labUp(name);
        if (!outcome.ok && !/one lab at a time|cannot start a lab|leftovers/.test(outcome.text))
          throw new Error(`lab up failed: ${outcome.text}`);
      }
      expect(outcome.ok, outcome.text).toBe(true);
      await expect(hosts.labResult()).toContainText("up: 2 host(s)");
      await expect(hosts.labLog()).toContainText("node-2: ready");
      await expect(hosts.lab()).toHaveAttribute("data-state", "up");
      await expect(hosts.labHost("node-3")).toContainText("ens32 192.168.0.103/24");
      await expect(hosts.inventory("lab")).toContainText("written by the lab");
      await expect(hosts.hostRow("lab", "node-2")).toBeVisible();
      await page.screenshot({ path: `${ARTIFACTS}/hosts-lab-up.png`, fullPage: true });
    });

    await test.step("a host added by hand: its key fetched, shown, confirmed, pinned; the private key stored", async () => {
      const state = await labState();
      const node2 = state.hosts.find((host) => host.name === "node-2");
      if (!node2) throw new Error("no node-2 in the lab");
      const pinnedByLab = await hosts.hostRow("lab", "node-2").getByTestId("host-row-node-2-hostkey").textContent();
      await hosts.createInventory("office");
      await expect(hosts.inventory("office").getByTestId("inventory-office-empty")).toBeVisible();
      await hosts.addHost("office", "name").fill("node-2");
      await hosts.addHost("office", "address").fill(node2.mgmtAddress);
      await hosts.addHost("office", "fetch").click();
      await expect(hosts.addHost("office", "fingerprint")).toHaveText(pinnedByLab ?? "?");
      await expect(hosts.addHost("office", "submit")).toBeDisabled();
      await hosts.addHost("office", "confirm").check();
      const keyFile = join(dirname(e2eLabInventory()), "id_ed25519");
      await hosts.addHost("office", "private-key").setInputFiles(keyFile);
      await hosts.addHost("office", "submit").click();
      await expect(hosts.addHost("office", "message")).toContainText("Key stored encrypted (ssh-ed25519 SHA256:");
      const row = hosts.hostRow("office", "node-2");
      await expect(row.getByTestId("host-row-node-2-key")).toContainText("stored: ssh-ed25519 SHA256:");
      await expect(row.getByTestId("host-row-node-2-hostkey")).toHaveText(pinnedByLab ?? "?");
      const privateKey = readFileSync(keyFile, "utf8");
      const body = await page.content();
      expect(body).not.toContain("PRIVATE KEY");
      expect(body).not.toContain(privateKey.split("\n")[1] ?? "never");
      await row.getByTestId("host-row-node-2-test").click();
      await expect(row.getByTestId("host-row-node-2-message")).toContainText("Connected: host key verified", {
        timeout: 20_000,
      });
      await page.screenshot({ path: `${ARTIFACTS}/hosts-inventory.png`, fullPage: true });
      await page.getByTestId("theme-toggle").click();
      await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
      await page.screenshot({ path: `${ARTIFACTS}/hosts-inventory-dark.png`, fullPage: true });
      await page.getByTestId("theme-toggle").click();
    });

    await test.step("apply the template on the lab and run the matrix: every cell green", async () => {
      await page.goto(editorUrl);
      await apply.open();
      await apply.chooseInventory("lab");
      const applied = await apply.applyUntilDone();
      for (const text of applied.retried) test.info().annotations.push({ type: "applied again", description: text });
      expect(applied.status).toBe("done");
      await testPanel.open();
      await testPanel.run();
      await testPanel.waitForDone(120_000);
      await expect(testPanel.summary()).toContainText("0 fail");
      await expect(testPanel.cell("bbox-1", "bbox-3", "ip")).toHaveAttribute("data-verdict", "pass");
      await expect(testPanel.cell("bbox-2", "bbox-3", "name")).toHaveAttribute("data-verdict", "pass");
      await page.screenshot({ path: `${ARTIFACTS}/editor-overlay-matrix.png` });
    });

    await test.step("the lab goes down from the page", async () => {
      await hosts.goto();
      const result = await hosts.labDown();
      await expect(result).toHaveAttribute("data-ok", "true");
      await expect(result).toContainText("lab down in");
      await expect(hosts.lab()).toHaveAttribute("data-state", "down");
      await page.screenshot({ path: `${ARTIFACTS}/hosts-lab-down.png`, fullPage: true });
    });
  });
});
