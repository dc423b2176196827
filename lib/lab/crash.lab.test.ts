import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findLabLeftovers, labDown, labStatus } from "./index";
import { LAB_JOURNAL } from "./paths";

const root = join(__dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "cn-crash-test-"));
const design = join(dir, "crash.yaml");
/** Two hosts with VLANs (so OVS runs too); own host names, so their cgroups never meet another lab's. */
writeFileSync(
  design,
  `name: crash
hosts:
  crash-1: { nics: { ens33: { address: 192.168.0.11/24, promisc: true, vlans: { 10: { address: 192.168.10.11/24 } } } } }
  crash-2: { nics: { ens33: { address: 192.168.0.12/24, promisc: true, vlans: { 10: { address: 192.168.10.12/24 } } } } }
`,
);
const hosts = ["crash-1", "crash-2"];
let built = false;

afterAll(async () => {
  if (built) await labDown();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `crossnet lab up --for crash.yaml` and SIGKILLs it once the journal shows `ready`. */
async function killLabUpWhen(ready: (journal: string) => boolean): Promise<string> {
  const child = spawn(
    process.execPath,
    [join(root, "bin", "crossnet.js"), "lab", "up", "--for", design, "--inventory", join(dir, "inventory.yaml")],
    { cwd: root, stdio: ["ignore", "ignore", "pipe"] },
  );
  built = true;
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const journal = existsSync(LAB_JOURNAL) ? readFileSync(LAB_JOURNAL, "utf8") : "";
    if (ready(journal)) break;
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`lab up ended before the kill point:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  child.kill("SIGKILL");
  await exited;
  return readFileSync(LAB_JOURNAL, "utf8");
}

describe("lab down after lab up was killed with SIGKILL", () => {
  it("starts from a machine without a lab", async () => {
    expect((await labStatus()).state, "another lab is up on this machine: run `crossnet lab down` first").toBe("down");
    expect(await findLabLeftovers(hosts)).toEqual([]);
  });

  for (const [when, ready] of [
    ["while creating namespaces", (journal: string) => journal.includes('"kind":"ns-file"')],
    [
      "after dockerd, ovs and sshd started",
      (journal: string) => journal.includes('"daemon":"dockerd"') && journal.includes('"daemon":"sshd"'),
    ],
  ] as const) {
    it(`removes everything when killed ${when}`, async () => {
      const journal = await killLabUpWhen(ready);
      expect(journal).toContain('"kind":"netns"');
      expect(await findLabLeftovers(hosts)).not.toEqual([]);
      expect((await labStatus()).state).toBe("building");
      const down = await labDown();
      expect(down.found).toBe(true);
      expect(await findLabLeftovers(hosts)).toEqual([]);
      expect((await labDown()).found).toBe(false);
    });
  }
});
