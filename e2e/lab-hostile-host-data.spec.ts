import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ARTIFACTS, expect, test, uniqueName } from "./fixtures/test";
import { HOSTILE, tamperContainers } from "./support/hostile-host";
import { dockerOn, type LabState, labDown, labState, labUpFor } from "./support/lab";

const run = promisify(execFile);

/**
 * Data coming back from hosts is untrusted (security.md): a lab host plays a compromised one whose
 * Docker reports markup as a container's image and as another container's name. The drift view
 * shows the text literally, no element or script comes from it (the `noDialogs` fixture fails on
 * any alert). A private key uploaded for a host that refuses it never reaches the browser.
 */
test.describe("hostile data from a lab host", () => {
  let lab: LabState;

  test.beforeAll(async () => {
    test.setTimeout(25 * 60_000);
    lab = await labUpFor("examples/macvlan.yaml");
  });

  test.afterAll(async () => {
    test.setTimeout(120_000);
    await labDown();
  });

  test("markup from a host shows as text in drift and the plan; no script runs", async ({
    page,
    topologies,
    apply,
  }) => {
    test.setTimeout(8 * 60_000);
    const name = uniqueName("hostile-host");
    await topologies.goto();
    await topologies.create(name, "macvlan");
    await apply.open();
    await apply.chooseInventory("lab");
    await apply.apply();
    expect(await apply.waitForResult()).toBe("done");

    await test.step("Docker refuses the name through its API, so the host is tampered with on disk", async () => {
      const refused = await dockerOn(lab, "node-1", ["run", "-d", "--name", HOSTILE, "busybox", "sleep", "1"]).catch(
        (error: Error) => error.message,
      );
      expect(refused).toContain("Invalid container name");
      await dockerOn(lab, "node-1", ["run", "-d", "--name", "decoy", "--network", "none", "busybox", "sleep", "600"]);
      await tamperContainers(lab, "node-1", { image: "bbox-1", rename: "decoy" });
      expect(await dockerOn(lab, "node-1", ["ps", "-a", "--format", "{{.Names}} {{.Image}}"])).toContain(HOSTILE);
    });

    await test.step("the drift view and the plan show it literally", async () => {
      await apply.planAgainstHosts();
      await expect(apply.planHost("node-1")).toContainText(`image is ${HOSTILE}, design says busybox`);
      await expect(page.locator("img[src='x']")).toHaveCount(0);
      await page.screenshot({ path: `${ARTIFACTS}/editor-hostile-host-data.png` });
    });

    await test.step("apply replaces the tampered container and leaves the hand-made one alone", async () => {
      await apply.apply();
      expect(await apply.waitForResult()).toBe("done");
      await expect(page.locator("img[src='x']")).toHaveCount(0);
      expect(await dockerOn(lab, "node-1", ["inspect", "-f", "{{.Config.Image}}", "bbox-1"])).toContain("busybox");
      await dockerOn(lab, "node-1", ["rm", "-f", HOSTILE]).catch(() => "");
    });
  });

  test("a stored key refused by its host: the connection test fails and the key never reaches the browser", async ({
    page,
    hosts,
    audit,
  }) => {
    test.setTimeout(5 * 60_000);
    const dir = mkdtempSync(join(tmpdir(), "crossnet-e2e-key-"));
    const bodies: string[] = [];
    page.on("response", async (response) => {
      const text = await response.text().catch(() => "");
      bodies.push(text);
    });
    try {
      await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "id"), "-C", "not-authorized"]);
      const privateKey = readFileSync(join(dir, "id"), "utf8");
      const secretLines = privateKey.split("\n").filter((line) => line && !line.startsWith("-----"));
      const state = await labState();
      const node1 = state.hosts.find((host) => host.name === "node-1");
      if (!node1) throw new Error("no node-1");
      const inventory = uniqueName("refused");
      await hosts.goto();
      await hosts.createInventory(inventory);
      await hosts.addHost(inventory, "name").fill("node-1");
      await hosts.addHost(inventory, "address").fill(node1.mgmtAddress);
      await hosts.addHost(inventory, "fetch").click();
      await hosts.addHost(inventory, "confirm").check();
      await hosts.addHost(inventory, "private-key").setInputFiles(join(dir, "id"));
      await hosts.addHost(inventory, "submit").click();
      await expect(hosts.addHost(inventory, "message")).toContainText("Key stored encrypted (ssh-ed25519 SHA256:");
      const row = hosts.hostRow(inventory, "node-1");
      await row.getByTestId("host-row-node-1-test").click();
      await expect(row.getByTestId("host-row-node-1-message")).toContainText(/auth/i, { timeout: 20_000 });
      await audit.goto("?host=node-1");
      await expect(audit.verify()).toHaveAttribute("data-status", "ok");
      await page.goto("/hosts");
      await expect(page.getByTestId("hosts-page")).toBeVisible();
      const seen = [...bodies, await page.content()].join("\n");
      for (const line of secretLines) expect(seen).not.toContain(line);
      expect(seen).not.toContain("OPENSSH PRIVATE KEY");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
