import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkTopologyText } from "../../topology/check";
import type { Topology } from "../../topology/schema";

export const ROOT = join(import.meta.dirname, "..", "..", "..");

/** A design of examples/, parsed and checked (throws when it has errors). */
export function example(name: string): Topology {
  const check = checkTopologyText(readFileSync(join(ROOT, "examples", `${name}.yaml`), "utf8"));
  if (!check.topology || !check.ok) throw new Error(`examples/${name}.yaml does not check`);
  return check.topology;
}
