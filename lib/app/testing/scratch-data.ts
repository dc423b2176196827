import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";

/**
 * A scratch folder for the tests of the enclosing file or `describe`, for the CLI's commands run in
 * process: CROSSNET_DATA points into it while they run (restored after), and `inventory` is an
 * inventory of node-1 and node-2 at 198.18.0.11-12 (a benchmarking range nothing answers on here,
 * with made-up host keys), for tests whose probe never connects.
 */
export function scratchData(prefix: string): { dir: string; inventory: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const inventory = join(dir, "inventory.yaml");
  const previousData = process.env.CROSSNET_DATA;
  beforeAll(() => {
    process.env.CROSSNET_DATA = join(dir, "data");
    const host = (n: number) =>
      `  node-${n}:\n    address: 198.18.0.1${n}\n    ssh: { user: root, key: id_ed25519, hostKey: "SHA256:${"A".repeat(43)}" }\n`;
    writeFileSync(inventory, `hosts:\n${host(1)}${host(2)}`);
  });
  afterAll(() => {
    if (previousData === undefined) delete process.env.CROSSNET_DATA;
    else process.env.CROSSNET_DATA = previousData;
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, inventory };
}
