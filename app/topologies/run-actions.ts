"use server";

import { z } from "zod";
import { InventoryMismatchError } from "@/lib/exec/apply";
import {
  type InventoryChoice,
  inventoryChoices,
  registerLabInventory,
  resolveInventory,
} from "@/lib/inventory/resolve";
import { labStatus } from "@/lib/lab/lab-status";
import { cellsFromStore, readPingRunSummary } from "@/lib/matrix/stored";
import type { ProbeCell } from "@/lib/probe/types";
import { startApplyRun } from "@/lib/runs/apply-run";
import { runHub } from "@/lib/runs/hub";
import { type ObservedPlan, observePlan } from "@/lib/runs/observe-plan";
import { startPingRun } from "@/lib/runs/probe-run";
import type { StartedRun } from "@/lib/runs/stream";
import { listPingCells } from "@/lib/store/ping-cells";
import { getRun, listRuns } from "@/lib/store/runs";
import { nameProblem } from "@/lib/topology";
import { savedDesign } from "../_lib/saved-design";
import { requireUser } from "../_lib/session";
import { getStore } from "../_lib/store";

export type RunActionError = { code: string; message: string };
export type RunActionResult<T> = ({ ok: true } & T) | { ok: false; error: RunActionError };

const Id = z.string().uuid();
const ContainerName = z
  .string()
  .max(63)
  .refine((value) => nameProblem(value, "container") === undefined, "not a container name");
const Names = z.array(ContainerName).max(500);
const Kind = z.enum(["apply", "destroy"]);
const By = z.enum(["ip", "name"]);

const ConvergeInput = z.object({ topologyId: Id, inventoryId: Id, kind: Kind }).strict();
const ProbeInput = z.union([
  z
    .object({
      topologyId: Id,
      inventoryId: Id,
      by: z.enum(["ip", "name", "both"]),
      from: Names.optional(),
      to: Names.optional(),
    })
    .strict(),
  z
    .object({
      topologyId: Id,
      inventoryId: Id,
      groups: z
        .array(z.object({ from: ContainerName, by: By, to: Names.min(1) }).strict())
        .min(1)
        .max(500),
      rerunOf: Id.nullable(),
    })
    .strict(),
]);
const RunInput = z.object({ runId: Id }).strict();
const LatestInput = z.object({ topologyId: Id }).strict();

function invalid(error: z.ZodError): { ok: false; error: RunActionError } {
  const first = error.issues[0];
  return {
    ok: false,
    error: { code: "invalid-input", message: `${first?.path.join(".") || "input"}: ${first?.message ?? "invalid"}` },
  };
}

/** The saved design and the chosen inventory, or why they cannot run. */
function target(topologyId: string, inventoryId: string) {
  const design = savedDesign(topologyId);
  if (!design.ok) return design;
  const inventory = resolveInventory(getStore(), inventoryId);
  if (!inventory.ok) return inventory;
  const missing = Object.keys(design.topology.hosts).filter((host) => !(host in inventory.value.inventory.hosts));
  if (missing.length)
    return {
      ok: false as const,
      error: {
        code: "inventory-mismatch",
        message: `inventory '${inventory.value.record.name}' has no ${missing.join(", ")}: add ${missing.length === 1 ? "it" : "them"} on the Hosts & lab page, or bring up a lab for this topology there`,
      },
    };
  return { ok: true as const, design, inventory: inventory.value };
}

export type InventoryList = {
  inventories: InventoryChoice[];
  lab: { state: string; name: string | null };
  /** Why the lab's inventory could not be registered, if it could not. */
  note: string | null;
};

/** Inventories to pick from; the running lab's inventory is registered (or refreshed) first. */
export async function listInventoriesAction(): Promise<RunActionResult<InventoryList>> {
  // auth: requireSession() — every action checks the caller itself.
  const session = await requireUser("viewer");
  if (!session.ok) return { ok: false, error: session.error };
  const store = getStore();
  const registration = await registerLabInventory(store);
  const status = await labStatus().catch(() => null);
  return {
    ok: true,
    inventories: inventoryChoices(store),
    lab: { state: status?.state ?? "unknown", name: status?.name ?? null },
    note: registration.status === "skipped" ? registration.reason : null,
  };
}

/** Observes the design's hosts and plans against them (apply: the drift; destroy: what would go). */
export async function planOnHostsAction(
  input: unknown,
): Promise<RunActionResult<{ observed: ObservedPlan; version: number }>> {
  const session = await requireUser("operator");
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = ConvergeInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const found = target(parsed.data.topologyId, parsed.data.inventoryId);
  if (!found.ok) return found;
  try {
    const observed = await observePlan(getStore(), {
      kind: parsed.data.kind,
      topology: found.design.topology,
      inventory: found.inventory,
      who: session.user.userName,
    });
    return { ok: true, observed, version: found.design.version.version };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: { code: error instanceof InventoryMismatchError ? "inventory-mismatch" : "observe-failed", message },
    };
  }
}

/** Starts an apply or destroy of the saved version; progress at /api/runs/<id>/events. */
export async function startConvergeAction(input: unknown): Promise<RunActionResult<StartedRun & { version: number }>> {
  const session = await requireUser("operator");
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = ConvergeInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const found = target(parsed.data.topologyId, parsed.data.inventoryId);
  if (!found.ok) return found;
  const started = startApplyRun(getStore(), {
    kind: parsed.data.kind,
    topology: found.design.topology,
    version: found.design.version,
    inventory: found.inventory,
    who: session.user.userName,
  });
  return started.ok ? { ok: true, ...started.value, version: found.design.version.version } : started;
}

/** Starts a ping matrix (a selection, or exactly the failed cells of an earlier run). */
export async function startProbeAction(input: unknown): Promise<RunActionResult<StartedRun & { version: number }>> {
  const session = await requireUser("operator");
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = ProbeInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const found = target(parsed.data.topologyId, parsed.data.inventoryId);
  if (!found.ok) return found;
  const containers = found.design.topology.containers ?? {};
  const named = "groups" in parsed.data ? parsed.data.groups.flatMap((g) => [g.from, ...g.to]) : [];
  const selected = "groups" in parsed.data ? named : [...(parsed.data.from ?? []), ...(parsed.data.to ?? [])];
  const unknown = selected.filter((name) => !Object.hasOwn(containers, name));
  if (unknown.length)
    return {
      ok: false,
      error: {
        code: "unknown-container",
        message: `version ${found.design.version.version} has no container ${[...new Set(unknown)].join(", ")}: save the design, or pick again`,
      },
    };
  const request =
    "groups" in parsed.data
      ? { mode: "groups" as const, groups: parsed.data.groups, rerunOf: parsed.data.rerunOf }
      : {
          mode: "select" as const,
          by: parsed.data.by,
          ...(parsed.data.from ? { from: parsed.data.from } : {}),
          ...(parsed.data.to ? { to: parsed.data.to } : {}),
        };
  const started = startPingRun(getStore(), {
    topology: found.design.topology,
    version: found.design.version,
    inventory: found.inventory,
    who: session.user.userName,
    request,
  });
  return started.ok ? { ok: true, ...started.value, version: found.design.version.version } : started;
}

/** Asks a running run to stop (a ping matrix stops its probes at once). */
export async function cancelRunAction(input: unknown): Promise<RunActionResult<{ cancelled: boolean }>> {
  const session = await requireUser("operator");
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = RunInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return { ok: true, cancelled: runHub().cancel(parsed.data.runId) };
}

/** A stored ping run's cells (when its live stream is gone, e.g. after a server restart). */
export async function loadPingRunAction(
  input: unknown,
): Promise<RunActionResult<{ cells: ProbeCell[]; status: string; durationMs: number | null }>> {
  const session = await requireUser("viewer");
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = RunInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const store = getStore();
  const run = getRun(store, parsed.data.runId);
  if (run?.kind !== "ping") return { ok: false, error: { code: "not-found", message: "no such ping run" } };
  const cells = cellsFromStore(listPingCells(store, run.id), readPingRunSummary(run.summary));
  return { ok: true, cells, status: run.status, durationMs: run.durationMs };
}

/** The newest ping run of a topology, to show its matrix when the Test tab opens. */
export async function latestPingRunAction(
  input: unknown,
): Promise<RunActionResult<{ run: { id: string; status: string; startedAt: string } | null; cells: ProbeCell[] }>> {
  const session = await requireUser("viewer");
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = LatestInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const store = getStore();
  const [run] = listRuns(store, { kind: "ping", topologyId: parsed.data.topologyId, limit: 1 });
  if (!run) return { ok: true, run: null, cells: [] };
  const cells = cellsFromStore(listPingCells(store, run.id), readPingRunSummary(run.summary));
  return { ok: true, run: { id: run.id, status: run.status, startedAt: run.startedAt }, cells };
}
