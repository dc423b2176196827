import { readFile, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parse } from "yaml";
import { type Inventory, InventorySchema } from "../lib/inventory/schema";
import { CliError } from "./errors";

/** Largest inventory file read (bytes). */
const INVENTORY_MAX_BYTES = 1024 * 1024;

/**
 * Reads an inventory file (YAML or JSON) and checks it against the schema, printing every problem
 * with its path. Returns it with the directory relative key paths resolve against.
 */
export async function loadInventory(file: string): Promise<{ inventory: Inventory; dir: string }> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new CliError(
      `cannot read inventory '${file}': no such file (crossnet lab up writes data/lab/inventory.yaml)`,
    );
  }
  if (size > INVENTORY_MAX_BYTES)
    throw new CliError(`inventory '${file}' is ${size} bytes; the limit is ${INVENTORY_MAX_BYTES}`);
  let data: unknown;
  try {
    data = parse(await readFile(file, "utf8"), { maxAliasCount: 0, prettyErrors: true });
  } catch (error) {
    throw new CliError(`inventory '${file}' is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  const parsed = InventorySchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".") || "(top)"}: ${issue.message}`);
    throw new CliError(`inventory '${file}' is not valid:\n${problems.join("\n")}`);
  }
  return { inventory: parsed.data, dir: dirname(resolve(file)) };
}
