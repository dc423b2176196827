import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { daemonLogFile } from "../lib/lab/paths";
import { ARTIFACTS, expect, test, uniqueName } from "./fixtures/test";
import { StatusPage } from "./pages/status-page";
import { HOSTILE } from "./support/hostile-host";
import { dockerOn, labPerDescribe, labState } from "./support/lab";

const run = promisify(execFile);

/**
 * Data coming back from hosts is untrusted (security.md). Docker refuses markup as a container name
 * but accepts it as a network name, created by hand on a lab host: host status shows it literally
 * and marked as ignored, the drift view plans nothing on it, and no element or script comes from it
 * (the `noDialogs` fixture fails on any alert). A private key uploaded for a host that refuses it
 * never reaches the browser.
 */
test.describe("hostile data from a lab host", () => {
  const lab = labPerDescribe("examples/macvlan.yaml");

  test("markup from a host shows as text on host status, the drift view ignores it; no script runs", async ({
    page,
    topologies,
    apply,
  }) => {
    test.setTimeout(8 * 60_000);
    const status = new StatusPage(page);
    const name = uniqueName("hostile-host");
    await topologies.goto();
    await topologies.create(name, "macvlan");
    const editorUrl = page.url();
    /** A fresh Apply tab (the last run's result gone), then an apply and its status. */
    const applyOnLab = async (): Promise<string> => {
      await page.goto(editorUrl);
      await apply.open();
      await apply.chooseInventory("lab");
      await apply.apply();
      return apply.waitForResult();
    };
    // Setting the stage, not under test: a loaded shared machine can drop a connection; apply converges.
    if ((await applyOnLab()) !== "done") {
      for (const host of ["node-1", "node-2"])
        await test
          .info()
          .attach(`${host}-sshd.log`, { path: daemonLogFile(host, "sshd") })
          .catch(() => {});
      expect(await applyOnLab()).toBe("done");
    }

    await test.step("by hand on node-1: Docker refuses the markup as a container name, but takes it as a network name", async () => {
      const refused = await dockerOn(lab(), "node-1", ["run", "-d", "--name", HOSTILE, "busybox", "sleep", "1"]).catch(
        (error: Error) => error.message,
      );
      expect(refused).toContain("Invalid container name");
      // By id: the docker CLI would read the '=' in the name as its key=value --network syntax.
      const network = (await dockerOn(lab(), "node-1", ["network", "create", HOSTILE])).trim();
      await dockerOn(lab(), "node-1", [
        "run",
        "-d",
        "--name",
        "decoy",
        "--network",
        network,
        "busybox",
        "sleep",
        "600",
      ]);
      expect(await dockerOn(lab(), "node-1", ["network", "ls", "--format", "{{.Name}}"])).toContain(HOSTILE);
    });

    try {
      await test.step("host status shows it literally, marked as ignored; no element or script comes from it", async () => {
        await status.read("lab");
        const node1 = status.host("node-1");
        await expect(node1.getByTestId("status-item").filter({ hasText: HOSTILE })).toHaveAttribute(
          "data-accepted",
          "false",
        );
        await expect(node1).toContainText(`${HOSTILE}ignored: not a name Crossnet accepts`);
        await expect(node1.getByTestId("status-item").filter({ hasText: "decoy" })).toContainText("running");
        await expect(page.locator("img[src='x']")).toHaveCount(0);
        await page.screenshot({ path: `${ARTIFACTS}/status-hostile-host-data.png` });
      });

      await test.step("the drift view ignores it: the design is still in sync, nothing planned on it", async () => {
        await page.goto(editorUrl);
        await apply.open();
        await apply.chooseInventory("lab");
        await apply.planAgainstHosts();
        await expect(apply.drift()).toHaveAttribute("data-in-sync", "true");
        await expect(apply.root()).not.toContainText(HOSTILE);
        await expect(page.locator("img[src='x']")).toHaveCount(0);
      });
    } finally {
      await dockerOn(lab(), "node-1", ["rm", "-f", "decoy"]).catch(() => "");
      await dockerOn(lab(), "node-1", ["network", "rm", HOSTILE]).catch(() => "");
    }
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
