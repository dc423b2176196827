import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ApplyReport, applyTopology, destroyTopology } from "../lib/app/converge";
import { MemoryAudit } from "../lib/exec/audit";
import { findLabLeftovers, type LabSpec, labDown, labSpecFromTopology, type labUp } from "../lib/lab/index";
import { runProbe } from "../lib/probe/run-probe";
import { acquireLab } from "../lib/probe/testing/lab-session";
import type { ProbeCell } from "../lib/probe/types";
import type { Topology } from "../lib/topology/schema";
import type { FuzzEngine } from "../lib/topology/testing/design-arbitrary";

let labOwned = false;

/** True while a lab this process brought up is up (so an interrupt may take it down, and only then). */
export function ownsLab(): boolean {
  return labOwned;
}

/** The phases of one design's cycle on the lab, in order. */
export type Phase = "lab-up" | "apply" | "re-apply" | "probe" | "destroy" | "lab-down";

/** Something that differed from what Crossnet predicted, in one phase. */
export type Mismatch = { phase: Phase; what: string };

export type CycleResult = {
  ok: boolean;
  mismatches: Mismatch[];
  /** Things worth knowing that are not mismatches (an apply retried after a transport hiccup). */
  notes: string[];
  /** Milliseconds per phase that ran. */
  times: Partial<Record<Phase, number>>;
  totalMs: number;
  /** Cells of the matrix (by IP and by name), and how many passed. */
  cells: number;
  passedCells: number;
};

export type CycleOptions = {
  docker: FuzzEngine;
  /** Echo requests per pair (few keep a design fast; failed cells are retried by the probe anyway). */
  count?: number;
  /** How long to wait while another lab is up (tests wait; the runner, holding the lock, does not). */
  labWaitMs?: number;
  /** Progress lines (phase starts), for a person watching a slow design. */
  onPhase?: (phase: Phase) => void;
};

/** The lab for a design, every host on one engine (20.10: the system's docker.io; 26: Debian 13's). */
export function labSpecFor(design: Topology, docker: FuzzEngine): LabSpec {
  return labSpecFromTopology(design, docker);
}

const steps = (report: ApplyReport | undefined) =>
  (report?.plan.steps ?? []).map((step) => `${step.host}: ${step.action} ${step.resourceId} (${step.cause.en})`);

/** Why an apply or destroy did not end done and converged, one line per reason. */
export function applyProblems(report: ApplyReport): string[] {
  const problems: string[] = [];
  if (report.refused) problems.push(`refused: ${report.refused}`);
  for (const failure of report.run?.failures ?? [])
    problems.push(
      `step failed on ${failure.host}: ${failure.stepId ?? ""} $ ${(failure.argv ?? []).join(" ")} → exit ${failure.code}: ${(failure.stderr || failure.error).trim().slice(0, 400)}${failure.diagnosis ? ` — ${failure.diagnosis.en}` : ""}`,
    );
  for (const host of report.unreachable) problems.push(`unreachable ${host.host}: ${host.error}`);
  for (const step of report.remaining?.steps ?? [])
    problems.push(`still to do after the run: ${step.host}: ${step.action} ${step.resourceId} (${step.cause.en})`);
  for (const conflict of report.remaining?.conflicts ?? []) problems.push(`conflict: ${conflict.message.en}`);
  if (problems.length === 0 && (report.status !== "done" || !report.converged))
    problems.push(`ended ${report.status}, converged ${report.converged}`);
  return problems;
}

/**
 * A first-apply failure that says nothing about the plan: the SSH channel closed under load, or swarm
 * did not hand out an attachment in time for a container that asked for no fixed address (the
 * machine is shared and swarm's manager can be slow). Undefined for anything else.
 */
export function transientFailure(report: ApplyReport): string | undefined {
  for (const failure of report.run?.failures ?? []) {
    const text = `${failure.stderr} ${failure.error}`;
    if (/channel closed without an exit status|ECONNRESET|Timed out while waiting for handshake/.test(text))
      return `${failure.host}: ${text.trim().slice(0, 160)}`;
    if (/context deadline exceeded/.test(text) && !(failure.argv ?? []).includes("--ip"))
      return `${failure.host}: ${failure.stepId ?? ""}: context deadline exceeded (no fixed address asked)`;
    // With a fixed address, only when the manager shows nobody holding it (apply's own diagnosis).
    if (/context deadline exceeded/.test(text) && /shows no endpoint holding/.test(failure.diagnosis?.en ?? ""))
      return `${failure.host}: ${failure.stepId ?? ""}: ${failure.diagnosis?.en ?? ""}`;
  }
  return undefined;
}

/** A failed cell as one line: pair, means, target, expected vs actual, and the probe's own words. */
export function describeCell(cell: ProbeCell): string {
  const detail = [cell.error, cell.diagnosis].filter(Boolean).join(" — ");
  return `${cell.from} → ${cell.to} by ${cell.by} ${cell.target}${cell.network ? ` on ${cell.network}` : ""} @${cell.host}: expected ${cell.expected} (${cell.reasonCode}), got ${cell.actual} (${cell.received}/${cell.sent})${detail ? `: ${detail}` : ""}`;
}

/**
 * One design through the whole cycle on a lab of its own: lab up, apply (must end done and converged),
 * apply again (must plan 0 steps), ping by IP and by name (every cell must pass, i.e. match `expect`),
 * destroy (done, converged), lab down (no `cn-` leftovers). Phases after a failed one still clean up:
 * destroy and lab down always run once the lab is up. Throws only when the lab cannot be had at all
 * (another lab is up): that is not a finding about the design.
 */
export async function runCycle(design: Topology, options: CycleOptions): Promise<CycleResult> {
  const started = performance.now();
  const mismatches: Mismatch[] = [];
  const notes: string[] = [];
  const times: CycleResult["times"] = {};
  let cells = 0;
  let passedCells = 0;
  const dir = mkdtempSync(join(tmpdir(), "cn-fuzz-"));
  /** What the cycle found so far: ok when nothing mismatched. */
  const result = (): CycleResult => ({
    ok: mismatches.length === 0,
    mismatches,
    notes,
    times,
    totalMs: Math.round(performance.now() - started),
    cells,
    passedCells,
  });
  const timed = async <T>(phase: Phase, action: () => Promise<T>): Promise<T> => {
    options.onPhase?.(phase);
    const t0 = performance.now();
    try {
      return await action();
    } finally {
      times[phase] = Math.round(performance.now() - t0);
    }
  };
  try {
    let lab: Awaited<ReturnType<typeof labUp>>;
    try {
      lab = await timed("lab-up", () =>
        acquireLab(labSpecFor(design, options.docker), join(dir, "inventory.yaml"), {
          waitMs: options.labWaitMs ?? 0,
          onWait: (message) => process.stderr.write(`fuzz: waiting for the lab (${message})\n`),
        }),
      );
      labOwned = true;
    } catch (error) {
      // Another lab is up: that says nothing about the design.
      if ((error as { code?: string }).code === "lab-already-up" || /^gave up waiting/.test((error as Error).message))
        throw error;
      mismatches.push({ phase: "lab-up", what: (error as Error).message });
      return result();
    }
    const audit = new MemoryAudit();
    const converge = { inventory: lab.inventory, inventoryDir: dir, who: "fuzz", audit, dataDir: dir };
    try {
      let applied = await timed("apply", () => applyTopology(design, converge));
      const hiccup = transientFailure(applied);
      if (hiccup) {
        // Apply converges: once more, as a person would, and say so. A second failure counts.
        notes.push(`apply retried once after: ${hiccup}`);
        applied = await timed("apply", () => applyTopology(design, converge));
      }
      for (const problem of applyProblems(applied)) mismatches.push({ phase: "apply", what: problem });
      if (mismatches.length === 0) {
        const again = await timed("re-apply", () => applyTopology(design, converge));
        for (const step of steps(again)) mismatches.push({ phase: "re-apply", what: `planned ${step}` });
        for (const conflict of again.plan.conflicts) mismatches.push({ phase: "re-apply", what: conflict.message.en });
        for (const host of again.unreachable)
          mismatches.push({ phase: "re-apply", what: `unreachable ${host.host}: ${host.error}` });
      }
      if (mismatches.length === 0) {
        const report = await timed("probe", () =>
          runProbe(design, {
            inventory: lab.inventory,
            inventoryDir: dir,
            who: "fuzz",
            audit,
            by: "both",
            settings: { count: options.count ?? 2, intervalS: 0.2, deadlineS: 1 },
          }),
        );
        cells = report.cells.length;
        passedCells = report.summary.pass;
        for (const host of report.unreachable)
          mismatches.push({ phase: "probe", what: `unreachable ${host.host}: ${host.error}` });
        for (const cell of report.cells)
          if (cell.verdict !== "pass") mismatches.push({ phase: "probe", what: describeCell(cell) });
      }
      const destroyed = await timed("destroy", () => destroyTopology(design, converge));
      for (const problem of applyProblems(destroyed)) mismatches.push({ phase: "destroy", what: problem });
    } catch (error) {
      mismatches.push({ phase: "apply", what: `threw: ${(error as Error).stack ?? String(error)}` });
    } finally {
      const down = await timed("lab-down", () => labDown());
      labOwned = false;
      for (const warning of down.warnings) mismatches.push({ phase: "lab-down", what: `warning: ${warning}` });
      // This lab's hosts only: another helper's command line may mention the lab's directories.
      for (const leftover of await findLabLeftovers(Object.keys(design.hosts)))
        mismatches.push({ phase: "lab-down", what: `left behind: ${leftover}` });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return result();
}
