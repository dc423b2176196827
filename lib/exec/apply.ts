import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { Inventory } from "../inventory/schema";
import { observeHosts } from "../observe/observe";
import { freshHost, type Observed } from "../plan/observed";
import { planDestroy, planTopology } from "../plan/plan";
import type { Plan, PlanOptions } from "../plan/types";
import type { Topology } from "../topology/schema";
import { explainAttachTimeouts } from "./attach-timeout";
import type { Audit } from "./audit";
import { HostPool, type HostPoolOptions } from "./hosts";
import { type Journal, JsonlJournal } from "./journal";
import { acquireHostLock, endRun, HostLockedError, type LockHolder, lockHolder, releaseHostLock } from "./lock";
import { type RunEvent, type RunResult, runPlan } from "./runner";

/** Progress of an apply/destroy: the runner's events plus the phases around them. */
export type ApplyEvent =
  | RunEvent
  | { type: "phase"; phase: "lock" | "observe" | "plan" | "run" | "verify" | "release" }
  | { type: "host-unreachable"; host: string; error: string }
  | { type: "lock-taken-over"; host: string; from: LockHolder };

export type ConvergeOptions = {
  inventory: Inventory;
  /** Directory relative key paths in the inventory resolve against (the inventory file's). */
  inventoryDir: string;
  /** Who runs it, for the audit log and the lock holder (`cli:<os user>` for the CLI). */
  who: string;
  audit: Audit;
  /** Journal for the run; default a JSON-lines file under `data/journal/`. */
  journal?: (runId: string) => Journal;
  dataDir?: string;
  onEvent?: (event: ApplyEvent) => void;
  /** Observe and plan only: no lock, nothing run. */
  dryRun?: boolean;
  runId?: string;
  /** SSH tuning (timeouts, keepalive). */
  ssh?: HostPoolOptions["ssh"];
  /** Per-step limit. */
  stepTimeoutMs?: number;
  /** In-memory credentials per host (see {@link HostPoolOptions.credential}). */
  credential?: HostPoolOptions["credential"];
  /**
   * Apply only part of the plan (a lesson's step): each plan, before the run and when verifying after it,
   * is narrowed by this, so the run does that part and "converged" means that part is in place.
   */
  narrow?: (plan: Plan) => Plan;
};

export type ApplyStatus = "done" | "partial" | "failed";

/** What an apply or destroy did, and whether the hosts now match. */
export type ApplyReport = {
  runId: string;
  kind: "apply" | "destroy";
  status: ApplyStatus;
  /** The plan made from the observed state (what a dry run prints). */
  plan: Plan;
  run?: RunResult;
  /** The plan made from the state observed after the run: empty when converged. */
  remaining?: Plan;
  converged: boolean;
  unreachable: { host: string; error: string }[];
  /** Why nothing ran, e.g. another apply holds a host's lock. */
  refused?: string;
  dryRun: boolean;
};

/** Drift: the plan from the observed state, i.e. what differs from the design. */
export type StatusReport = {
  observed: Observed;
  drift: Plan;
  unreachable: { host: string; error: string }[];
  inSync: boolean;
};

/** How often, and how far apart, the post-run observation is repeated while the hosts still settle. */
const VERIFY_RETRIES = 3;
const VERIFY_PAUSE_MS = 400;

/** A design names hosts the inventory does not know. */
export class InventoryMismatchError extends Error {
  override readonly name = "InventoryMismatchError";
}

/** Facts about the target that change the commands: the embedded lab runs etcd itself and userspace OVS. */
export function planOptionsFor(inventory: Inventory): PlanOptions {
  if (!inventory.lab) return { ovsDatapath: "system" };
  return { kvProvided: true, ovsDatapath: "netdev", ...(inventory.lab.kv ? { kvUrl: inventory.lab.kv } : {}) };
}

/**
 * observe → plan → run → observe again, under each host's lock. The post-run plan should be empty
 * (`converged`); when it is not, `remaining` says what still differs.
 * @throws InventoryMismatchError when a design host is missing from the inventory.
 */
export function applyTopology(topology: Topology, options: ConvergeOptions): Promise<ApplyReport> {
  const planOptions = planOptionsFor(options.inventory);
  const narrow = options.narrow ?? ((plan: Plan) => plan);
  return converge("apply", topology, (observed) => narrow(planTopology(topology, observed, planOptions)), options);
}

/** Same as {@link applyTopology} with `planDestroy`: removes what Crossnet created for the design. */
export function destroyTopology(topology: Topology, options: ConvergeOptions): Promise<ApplyReport> {
  return converge("destroy", topology, (observed) => planDestroy(topology, observed), options);
}

/** Observes the design's hosts (no lock) and plans against them: the steps are the drift. */
export async function statusTopology(
  topology: Topology,
  options: Omit<ConvergeOptions, "dryRun" | "journal" | "onEvent" | "stepTimeoutMs">,
): Promise<StatusReport> {
  const hosts = designHosts(topology, options.inventory);
  const pool = newPool(options, options.runId ?? randomUUID());
  try {
    const observed = await observeHosts(hosts, pool);
    const drift = planTopology(topology, observed, planOptionsFor(options.inventory));
    const unreachable = unreachableOf(observed);
    return {
      observed,
      drift,
      unreachable,
      inSync: drift.steps.length === 0 && drift.conflicts.length === 0 && unreachable.length === 0,
    };
  } finally {
    await pool.close();
  }
}

async function converge(
  kind: "apply" | "destroy",
  topology: Topology,
  planFor: (observed: Observed) => Plan,
  options: ConvergeOptions,
): Promise<ApplyReport> {
  const hosts = designHosts(topology, options.inventory);
  const runId = options.runId ?? randomUUID();
  const emit = options.onEvent ?? (() => {});
  const pool = newPool(options, runId);
  const base = { runId, kind, dryRun: options.dryRun === true };
  try {
    if (options.dryRun) {
      emit({ type: "phase", phase: "observe" });
      const observed = await observeHosts(hosts, pool);
      const plan = planFor(observed);
      const unreachable = unreachableOf(observed);
      return { ...base, status: unreachable.length ? "partial" : "done", plan, converged: false, unreachable };
    }

    emit({ type: "phase", phase: "lock" });
    const holder = lockHolder(runId, options.who, kind);
    const locks = await lockHosts(hosts, pool, holder, options.inventory, emit);
    const release = async () => {
      emit({ type: "phase", phase: "release" });
      // A host whose connection was lost keeps the lock: it is stale once this run ended (see lock.ts).
      await Promise.all(
        locks.locked.map(async (host) => {
          const connection = pool.current(host);
          if (connection) await releaseHostLock(connection.ssh, holder).catch(() => false);
        }),
      );
      endRun(runId);
    };
    if (locks.refused.length) {
      await release();
      const refused = locks.refused.map((error) => error.message).join("\n");
      return {
        ...base,
        status: "failed",
        plan: { steps: [], conflicts: [] },
        converged: false,
        unreachable: locks.unreachable,
        refused,
      };
    }
    try {
      emit({ type: "phase", phase: "observe" });
      const observed = withUnreachable(await observeHosts(locks.locked, pool), locks.unreachable);
      emit({ type: "phase", phase: "plan" });
      const plan = planFor(observed);
      const unreachable = unreachableOf(observed);
      emit({ type: "phase", phase: "run" });
      const journal = (
        options.journal ?? ((id) => new JsonlJournal(join(options.dataDir ?? "data", "journal", `${id}.jsonl`), id))
      )(runId);
      const run = await runPlan(plan, {
        connect: async (host) => (await pool.get(host)).ssh,
        journal,
        onEvent: emit,
        ...(options.stepTimeoutMs ? { stepTimeoutMs: options.stepTimeoutMs } : {}),
      });
      if (run.failures.length > 0) await explainAttachTimeouts(run, observed, pool);
      let remaining = plan;
      if (plan.steps.length > 0) {
        emit({ type: "phase", phase: "verify" });
        // Hosts whose connection died during the run are not dialled again (that would wait for the connect timeout).
        const stillOpen = locks.locked.filter((host) => observed[host]?.reachable && pool.current(host));
        const lost = locks.locked
          .filter((host) => observed[host]?.reachable && !pool.current(host))
          .map((host) => ({ host, error: "the connection was lost during the run" }));
        remaining = planFor(withUnreachable(await observeHosts(stillOpen, pool), [...unreachable, ...lost]));
        // Swarm settles asynchronously (a removed overlay can stay listed on the manager for a moment):
        // look again a few times before calling the result unconverged.
        for (
          let attempt = 0;
          attempt < VERIFY_RETRIES && remaining.steps.length > 0 && run.status === "done";
          attempt++
        ) {
          await new Promise((resolve) => setTimeout(resolve, VERIFY_PAUSE_MS));
          remaining = planFor(withUnreachable(await observeHosts(stillOpen, pool), [...unreachable, ...lost]));
        }
      }
      const status = overallStatus(run.status, unreachable.length, hosts.length, plan.conflicts.length);
      const converged = remaining.steps.length === 0 && remaining.conflicts.length === 0 && unreachable.length === 0;
      return { ...base, status, plan, run, remaining, converged, unreachable };
    } finally {
      await release();
    }
  } finally {
    await pool.close();
  }
}

/** No host reachable: failed. Otherwise the run's status, and partial when hosts or resources were left out. */
function overallStatus(run: ApplyStatus, unreachable: number, hosts: number, conflicts: number): ApplyStatus {
  if (hosts > 0 && unreachable === hosts) return "failed";
  if (run !== "done") return run;
  return unreachable > 0 || conflicts > 0 ? "partial" : "done";
}

/** Connects to and locks every host in parallel; a host that cannot be reached is not fatal, a held lock is. */
async function lockHosts(
  hosts: string[],
  pool: HostPool,
  holder: LockHolder,
  inventory: Inventory,
  emit: (event: ApplyEvent) => void,
) {
  const locked: string[] = [];
  const refused: HostLockedError[] = [];
  const unreachable: { host: string; error: string }[] = [];
  await Promise.all(
    hosts.map(async (host) => {
      try {
        const connection = await pool.get(host);
        const taken = await acquireHostLock(host, inventory.hosts[host]?.address ?? host, connection.ssh, holder);
        if (taken.tookOverFrom) emit({ type: "lock-taken-over", host, from: taken.tookOverFrom });
        locked.push(host);
      } catch (error) {
        if (error instanceof HostLockedError) refused.push(error);
        else {
          const message = error instanceof Error ? error.message : String(error);
          unreachable.push({ host, error: message });
          emit({ type: "host-unreachable", host, error: message });
        }
      }
    }),
  );
  return { locked: locked.sort(), refused, unreachable };
}

function designHosts(topology: Topology, inventory: Inventory): string[] {
  const hosts = Object.keys(topology.hosts).sort();
  const missing = hosts.filter((host) => !(host in inventory.hosts));
  if (missing.length) {
    throw new InventoryMismatchError(
      `the inventory has no entry for ${missing.join(", ")} (it knows ${Object.keys(inventory.hosts).sort().join(", ") || "no hosts"}): ` +
        "add them, or bring up a lab for this design (crossnet lab up --for FILE)",
    );
  }
  return hosts;
}

function newPool(
  options: Pick<ConvergeOptions, "inventory" | "inventoryDir" | "who" | "audit" | "ssh" | "credential">,
  runId: string,
) {
  return new HostPool(options.inventory, {
    audit: options.audit,
    who: options.who,
    runId,
    baseDir: options.inventoryDir,
    ...(options.ssh ? { ssh: options.ssh } : {}),
    ...(options.credential ? { credential: options.credential } : {}),
  });
}

function withUnreachable(observed: Observed, unreachable: { host: string; error: string }[]): Observed {
  const all: Observed = { ...observed };
  for (const { host, error } of unreachable) all[host] = { ...freshHost(host), reachable: false, error };
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function unreachableOf(observed: Observed): { host: string; error: string }[] {
  return Object.values(observed)
    .filter((snapshot) => !snapshot.reachable)
    .map((snapshot) => ({ host: snapshot.host, error: snapshot.error ?? "unreachable" }));
}
