import "server-only";
import { randomUUID } from "node:crypto";
import { HostPool } from "../exec/hosts";
import { faultCommands, faultPresent, faultRepairSelectors } from "../lessons/faults";
import type { Fault } from "../lessons/schema";
import { narrowPlan } from "../lessons/select";
import { displayCommand } from "../plan/render";
import { createAuditSink } from "../store/audit";
import type { Store } from "../store/open";
import type { Topology } from "../topology/schema";
import { type PlanView, planView } from "../views/plan-view";
import { type Actor, assertAllowed } from "./actor";
import type { ResolvedInventory } from "./inventory";
import { observeHosts } from "./observe-plan";

/** One command of an injected fault, as it ran. */
export type FaultCommandResult = { host: string; command: string; code: number; stderr: string };

export type FaultRunResult =
  | { ok: true; commands: FaultCommandResult[] }
  | {
      ok: false;
      error: { code: "connection-failed" | "command-failed"; message: string };
      commands: FaultCommandResult[];
    };

/**
 * Injects a lesson's fault on the hosts: the argv `faultCommands` builds from the fault's kind and the
 * design (never text from the lesson file), over the inventory's SSH connections, each command in the
 * audit log. Stops at the first command that fails.
 */
export async function injectFault(
  store: Store,
  input: { fault: Fault; topology: Topology; inventory: ResolvedInventory; actor: Actor },
): Promise<FaultRunResult> {
  assertAllowed(input.actor, "operator");
  const pool = new HostPool(input.inventory.inventory, {
    audit: createAuditSink(store),
    who: input.actor.name,
    runId: randomUUID(),
    baseDir: input.inventory.dir,
    credential: input.inventory.credential,
    ssh: { connectTimeoutMs: 5000 },
  });
  const done: FaultCommandResult[] = [];
  try {
    for (const { host, argv } of faultCommands(input.fault, input.topology)) {
      let connection: Awaited<ReturnType<HostPool["get"]>>;
      try {
        connection = await pool.get(host);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { code: "connection-failed", message: `${host}: ${message}` }, commands: done };
      }
      const result = await connection.ssh.exec(argv, { timeoutMs: 30_000 });
      done.push({ host, command: displayCommand(argv), code: result.code, stderr: result.stderr.slice(0, 2000) });
      if (result.code !== 0)
        return {
          ok: false,
          error: { code: "command-failed", message: `${host}: ${displayCommand(argv)}: ${result.stderr.trim()}` },
          commands: done,
        };
    }
    return { ok: true, commands: done };
  } finally {
    await pool.close();
  }
}

/** Whether a fault is still on the hosts, and the plan steps that would repair it (empty once fixed). */
export type FaultCheck = {
  /** null when the host it concerns could not be read. */
  present: boolean | null;
  repair: PlanView;
  unreachable: { host: string; error: string }[];
};

/** Reads the design's hosts (no lock, audited) and looks for the fault there. */
export async function checkFault(
  store: Store,
  input: { fault: Fault; topology: Topology; inventory: ResolvedInventory; actor: Actor },
): Promise<FaultCheck> {
  const status = await observeHosts(store, input);
  const present = faultPresent(input.fault, input.topology, status.observed);
  return {
    present: present ?? null,
    repair: planView(narrowPlan(status.drift, faultRepairSelectors(input.fault, input.topology))),
    unreachable: status.unreachable,
  };
}
