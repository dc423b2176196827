import "server-only";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parse, stringify } from "yaml";
import { type Inventory, InventorySchema } from "../../inventory/schema";
import { DEFAULT_LAB_ENGINE } from "../spec/engines";
import type { LabHostInfo } from "../types";

/** Default location of the lab's inventory, relative to the working directory. */
export const DEFAULT_INVENTORY_PATH = "data/lab/inventory.yaml";

/**
 * The inventory of a lab: each host by its management address, root over SSH with the lab key,
 * its fresh host key pinned, and the Docker API over SSH (as for real machines). Hosts that run an
 * engine other than the default 20.10 are listed under `lab.docker`.
 */
export function buildLabInventory(
  lab: { name: string; emulated: string[]; notices: string[]; kv?: string },
  hosts: readonly LabHostInfo[],
  keyPath: string,
): Inventory {
  const entries = [...hosts]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((host) => [
      host.name,
      {
        address: host.mgmtAddress,
        ssh: { port: 22, user: "root", key: keyPath, hostKey: host.hostKey },
        docker: { endpoint: "ssh" as const },
      },
    ]);
  const engines = hosts
    .filter((host) => host.docker !== undefined && host.docker !== DEFAULT_LAB_ENGINE)
    .map((host) => [host.name, host.docker])
    .sort(([a = ""], [b = ""]) => a.localeCompare(b));
  return InventorySchema.parse({
    lab: {
      name: lab.name,
      emulated: lab.emulated,
      notices: lab.notices,
      ...(lab.kv ? { kv: lab.kv } : {}),
      ...(engines.length > 0 ? { docker: Object.fromEntries(engines) } : {}),
    },
    hosts: Object.fromEntries(entries),
  });
}

/** Writes the inventory as YAML, atomically (temp file + rename), creating its directory. */
export function writeInventory(path: string, inventory: Inventory): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}`;
  const header = "# Written by `crossnet lab up`; host keys change at every bring-up.\n";
  writeFileSync(temp, header + stringify(inventory, { lineWidth: 0 }), { mode: 0o600 });
  renameSync(temp, path);
}

/** Reads and validates an inventory file (e.g. the one `labUp` wrote). */
export function readInventory(path: string): Inventory {
  return InventorySchema.parse(parse(readFileSync(path, "utf8")));
}

/** Host names and management addresses of a lab inventory, sorted by name. */
export function labHostsFromInventory(inventory: Inventory): { name: string; address: string }[] {
  return Object.entries(inventory.hosts)
    .map(([name, host]) => ({ name, address: host.address }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
