import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { type ApplyReport, applyTopology } from "../../app/converge";
import { MemoryAudit } from "../../exec/audit";
import type { Inventory } from "../../inventory/schema";
import { type EngineChoice, labDown, labSpecFromTopology } from "../../lab/index";
import { checkTopologyText } from "../../topology/check";
import type { Topology } from "../../topology/schema";
import { type ProbeOptions, type ProbeReport, runProbe } from "../run-probe";
import type { ProbeCell } from "../types";
import { acquireLab, requireRoot } from "./lab-session";

/** A tutorial example from examples/, parsed and validated. */
export function loadExample(name: string): Topology {
  const text = readFileSync(new URL(`../../../examples/${name}.yaml`, import.meta.url), "utf8");
  const checked = checkTopologyText(text);
  if (!checked.ok || !checked.topology)
    throw new Error(`${name}: ${checked.issues.map((i) => i.message.en).join("; ")}`);
  return checked.topology;
}

/** A design from YAML text, parsed and validated. */
export function loadDesign(text: string): Topology {
  const checked = checkTopologyText(text);
  if (!checked.ok || !checked.topology) throw new Error(checked.issues.map((i) => i.message.en).join("; "));
  return checked.topology;
}

/**
 * A lab built for one design, with helpers to apply designs to it and ping them. `close` takes the
 * lab down only if this session built it, and removes its scratch directory.
 */
export type LabDesignSession = {
  inventory: Inventory;
  /** The inventory file the lab wrote (in `dir`), for what takes a path: the CLI, `--inventory`. */
  inventoryPath: string;
  dir: string;
  audit: MemoryAudit;
  apply(topology: Topology): Promise<ApplyReport>;
  ping(topology: Topology, options?: Partial<ProbeOptions>): Promise<ProbeReport>;
  close(): Promise<void>;
};

/** Waits for the lab, builds one for `topology` (`lab up --for`, on the `docker` engines, default 20.10), and applies it. */
export async function labForDesign(
  topology: Topology,
  options: { apply?: boolean; docker?: EngineChoice } = {},
): Promise<LabDesignSession> {
  const dir = mkdtempSync(join(tmpdir(), "cn-probe-lab-"));
  const audit = new MemoryAudit();
  const inventoryPath = join(dir, "inventory.yaml");
  let built = false;
  try {
    const lab = await acquireLab(labSpecFromTopology(topology, options.docker), inventoryPath, {
      onWait: (message) => process.stderr.write(`probe lab test: waiting for the lab (${message})\n`),
    });
    built = true;
    const session: LabDesignSession = {
      inventory: lab.inventory,
      inventoryPath,
      dir,
      audit,
      apply: (design) =>
        applyTopology(design, {
          inventory: lab.inventory,
          inventoryDir: dir,
          who: "probe-lab-test",
          audit,
          dataDir: dir,
        }),
      ping: (design, extra = {}) =>
        runProbe(design, { inventory: lab.inventory, inventoryDir: dir, who: "probe-lab-test", audit, ...extra }),
      close: async () => {
        await labDown();
        rmSync(dir, { recursive: true, force: true });
      },
    };
    if (options.apply !== false) {
      // Apply converges; on the busy shared lab an SSH channel sometimes closes "without an exit
      // status" right after bring-up: apply again (it observes first, so it continues) before giving up.
      let applied = await session.apply(topology);
      for (let again = 0; again < 3 && !(applied.status === "done" && applied.converged); again++) {
        await new Promise((wake) => setTimeout(wake, 1000));
        applied = await session.apply(topology);
      }
      if (applied.status !== "done" || !applied.converged)
        throw new Error(
          `apply of ${topology.name} on the lab: ${applied.status}, converged ${applied.converged}: ${JSON.stringify({
            failures: applied.run?.failures,
            refused: applied.refused,
            unreachable: applied.unreachable,
            remaining: applied.remaining?.steps.map((step) => `${step.resourceId} (${step.cause.en})`),
            conflicts: applied.remaining?.conflicts.map((conflict) => conflict.message.en),
          })}`,
        );
    }
    return session;
  } catch (error) {
    if (built) await labDown().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The cell of a report for one pair and means (and network, for a target with several addresses). */
export function cellOfReport(
  report: ProbeReport,
  from: string,
  to: string,
  by: "ip" | "name",
  network?: string,
): ProbeCell {
  const cell = report.cells.find(
    (candidate) =>
      candidate.from === from &&
      candidate.to === to &&
      candidate.by === by &&
      (network === undefined || candidate.network === network),
  );
  if (!cell) throw new Error(`no cell ${from} → ${to} by ${by}${network ? ` on ${network}` : ""}`);
  return cell;
}

/** The failed cells, as one readable string per cell (for assertion messages). */
export function failuresOf(report: ProbeReport): string[] {
  return report.cells
    .filter((cell) => cell.verdict === "fail")
    .map(
      (cell) =>
        `${cell.from} → ${cell.to} by ${cell.by} ${cell.target}: expected ${cell.expected}, got ${cell.actual} (${cell.error ?? ""}) — ${cell.diagnosis?.en ?? ""}`,
    );
}

/** How long a suite may wait for the lab (another test may hold it) and build it. */
export const LAB_WAIT = 30 * 60_000;

/**
 * One lab for the tests of the enclosing `describe`: built for `topology` (and applied, unless
 * `apply: false`) before them, taken down after them. Returns the session; it throws when the lab did not
 * come up, so every test then fails with that reason. `what` names the tests in the "needs root" skip.
 */
export function labPerSuite(
  what: string,
  topology: Topology,
  options: { apply?: boolean; docker?: EngineChoice } = {},
): () => LabDesignSession {
  const state: { session?: LabDesignSession } = {};
  beforeAll(async () => {
    requireRoot(what);
    state.session = await labForDesign(topology, options);
  }, LAB_WAIT);
  afterAll(async () => {
    await state.session?.close();
  }, 120_000);
  return () => {
    if (!state.session) throw new Error("the lab did not come up");
    return state.session;
  };
}
