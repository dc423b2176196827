import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkTopologyText } from "../lib/topology/check";
import type { Topology } from "../lib/topology/schema";

const DIR = join(import.meta.dirname, "fixtures");

/** The regression fixtures: designs fuzz:lab found a bug with, shrunk by hand, one file each. */
export function fixtureNames(): string[] {
  return readdirSync(DIR)
    .filter((file) => file.endsWith(".yaml"))
    .map((file) => file.replace(/\.yaml$/, ""))
    .sort();
}

/** One fixture, parsed and validated (throws with the issues when it is not valid). */
export function loadFixture(name: string): Topology {
  const checked = checkTopologyText(readFileSync(join(DIR, `${name}.yaml`), "utf8"));
  if (!checked.ok || !checked.topology)
    throw new Error(`fuzz/fixtures/${name}.yaml: ${checked.issues.map((issue) => issue.message.en).join("; ")}`);
  return checked.topology;
}
