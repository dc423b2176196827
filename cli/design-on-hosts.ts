import type { Inventory } from "../lib/inventory/schema";
import type { Topology } from "../lib/topology/schema";
import { requireFile } from "./args";
import { CliError } from "./errors";
import { loadInventory } from "./inventory";
import { loadValidDesign } from "./load";

/** FILE and `--inventory INV`: what every command that works on a design's hosts starts from. */
export type DesignOnHosts = { file: string; inventory: string };

/** The design file and the inventory path, both required: a clear usage error names the one missing. */
export function requireDesignOnHosts(
  positionals: string[],
  inventory: string | undefined,
  usage: string,
): DesignOnHosts {
  const file = requireFile(positionals, usage);
  if (!inventory) throw new CliError(`--inventory INV is required\nusage: crossnet ${usage}`);
  return { file, inventory };
}

/**
 * The checked design (its errors printed, exit 2) and the inventory with the directory its key paths
 * resolve against. Commands check their own flags first, so bad usage is refused before any file is read.
 */
export async function loadDesignOnHosts(
  args: DesignOnHosts,
): Promise<{ topology: Topology; inventory: Inventory; dir: string }> {
  const topology = await loadValidDesign(args.file);
  const { inventory, dir } = await loadInventory(args.inventory);
  return { topology, inventory, dir };
}
