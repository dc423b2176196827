import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ConvergeOptions } from "../../app/converge";
import type { Inventory } from "../../inventory/schema";
import {
  type EngineChoice,
  hostExec,
  type LabUpResult,
  labDown,
  labSpecForHosts,
  labSpecFromTopology,
  labUp,
} from "../../lab/index";
import { checkTopologyText, type Topology } from "../../topology/index";
import { MemoryAudit } from "../audit";

/** A design from examples/, parsed and valid. */
export function loadExample(file: string): Topology {
  const checked = checkTopologyText(
    readFileSync(join(import.meta.dirname, "..", "..", "..", "examples", file), "utf8"),
  );
  if (!checked.topology) throw new Error(`examples/${file} is not a valid design`);
  return checked.topology;
}

/** A lab brought up for the tests in a temp dir; `down()` removes it (and the dir). */
export type TestLab = LabUpResult & { dir: string; down(): Promise<void> };

/**
 * Brings up the lab for a design (or N plain hosts), each host on the Docker engine `docker` picks
 * (default 20.10). Refuses when a lab is already up on this machine (labUp does): tests never tear
 * down a lab they did not build.
 */
export async function bringUpLab(design: Topology | number, docker?: EngineChoice): Promise<TestLab> {
  const dir = mkdtempSync(join(tmpdir(), "crossnet-exec-lab-"));
  const spec =
    typeof design === "number" ? labSpecForHosts(design, "exec-test", docker) : labSpecFromTopology(design, docker);
  const lab = await labUp(spec, { inventoryPath: join(dir, "inventory.yaml") });
  return {
    ...lab,
    dir,
    async down() {
      await labDown({});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Options to apply/destroy/status against a test lab (a `TestLab`, or a lab-design session: any lab
 * whose inventory file and scratch files are in `dir`), with a fresh in-memory audit.
 */
export function convergeOptions(
  lab: { inventory: Inventory; dir: string },
  extra: Partial<ConvergeOptions> = {},
): ConvergeOptions & { audit: MemoryAudit } {
  return {
    inventory: lab.inventory,
    inventoryDir: lab.dir,
    who: "test",
    dataDir: lab.dir,
    ...extra,
    audit: new MemoryAudit(),
  };
}

/** Runs a command inside a lab host without SSH (independent of the transport under test). */
export async function onHost(host: string, argv: string[]): Promise<string> {
  const result = await hostExec(host, argv, { timeoutMs: 30_000 });
  if (result.code !== 0) throw new Error(`${host}: ${argv.join(" ")} exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}

/** Takes a host's management link down (or up): from this machine the host stops answering. */
export async function setMgmtLink(host: string, state: "up" | "down"): Promise<void> {
  await onHost(host, ["ip", "link", "set", "mgmt0", state]);
}
