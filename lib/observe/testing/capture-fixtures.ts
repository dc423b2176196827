/**
 * Captures a host's raw observation output as test fixtures:
 *   node bin/run-ts.js lib/observe/testing/capture-fixtures.ts INVENTORY HOST PREFIX
 * writes lib/observe/fixtures/PREFIX-{script,docker-info,docker-networks,docker-containers,docker-inspect}.out.
 * Used against the embedded lab (crossnet lab up); the files are what the host really printed.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { MemoryAudit } from "../../exec/audit";
import { HostPool } from "../../exec/hosts";
import { InventorySchema } from "../../inventory/schema";
import { OBSERVE_SCRIPT } from "../host-script";
import { containerIds } from "../parse-docker";

const [inventoryPath, host, prefix] = process.argv.slice(2);
if (!inventoryPath || !host || !prefix) throw new Error("usage: capture-fixtures.ts INVENTORY HOST PREFIX");
const inventory = InventorySchema.parse(parse(readFileSync(inventoryPath, "utf8")));
const pool = new HostPool(inventory, { audit: new MemoryAudit(), who: "capture", baseDir: dirname(inventoryPath) });
try {
  const connection = await pool.get(host);
  const out = (name: string, text: string) =>
    writeFileSync(join(import.meta.dirname, "..", "fixtures", `${prefix}-${name}.out`), text);
  out("script", (await connection.ssh.exec(["sh", "-c", OBSERVE_SCRIPT])).stdout);
  out("docker-info", `${JSON.stringify(await connection.docker.info())}\n`);
  out("docker-networks", `${JSON.stringify(await connection.docker.listNetworks())}\n`);
  const list = await connection.docker.listContainers();
  out("docker-containers", `${JSON.stringify(list)}\n`);
  const inspected = await Promise.all(containerIds(list).map((id) => connection.docker.inspectContainer(id)));
  out("docker-inspect", `${JSON.stringify(inspected)}\n`);
} finally {
  await pool.close();
}
