"use server";

import { z } from "zod";
import { startApplyRun } from "@/lib/app/apply-run";
import { InventoryMismatchError } from "@/lib/app/converge";
import { type InventoryChoice, inventoryChoices, registerLabInventory, resolveRunInventory } from "@/lib/app/inventory";
import { type ObservedPlan, observePlan } from "@/lib/app/observe-plan";
import { readPingRunCells, startPingRun } from "@/lib/app/ping-session";
import { endpointHost } from "@/lib/expect/hosts";
import { labStatus } from "@/lib/lab/lifecycle/lab-status";
import type { ProbeCell } from "@/lib/probe/types";
import { runHub } from "@/lib/runs/hub";
import type { StartedRun } from "@/lib/runs/stream";
import type { Store } from "@/lib/store/open";
import { getRun, listRuns } from "@/lib/store/runs";
import { type ActionResult, defineAction } from "../_lib/action";
import { Endpoint, RecordId as Id } from "../_lib/inputs";
import { savedDesign } from "../_lib/saved-design";

const Names = z.array(Endpoint).max(500);
const Kind = z.enum(["apply", "destroy"]);
const By = z.enum(["ip", "name", "tcp", "udp", "mtu"]);

const ConvergeInput = z.object({ topologyId: Id, inventoryId: Id, kind: Kind }).strict();
/** How hard to probe (the CLI's --count/--interval/--timeout); bounds are checked by the ping session. */
const ProbeSettingsInput = z
  .object({ count: z.number().optional(), intervalS: z.number().optional(), deadlineS: z.number().optional() })
  .strict()
  .optional();
const ProbeInput = z.union([
  z
    .object({
      topologyId: Id,
      inventoryId: Id,
      settings: ProbeSettingsInput,
      by: z.union([z.enum(["ip", "name", "both", "tcp", "udp", "mtu"]), z.array(By).min(1).max(5)]),
      from: Names.optional(),
      to: Names.optional(),
      responder: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      topologyId: Id,
      inventoryId: Id,
      groups: z
        .array(z.object({ from: Endpoint, by: By, to: Names.min(1) }).strict())
        .min(1)
        .max(500),
      rerunOf: Id.nullable(),
      settings: ProbeSettingsInput,
    })
    .strict(),
]);
const RunInput = z.object({ runId: Id }).strict();
const LatestInput = z.object({ topologyId: Id }).strict();

/** The saved design and the chosen inventory, or why they cannot run. */
function target(store: Store, topologyId: string, inventoryId: string) {
  const design = savedDesign(topologyId);
  if (!design.ok) return design;
  const inventory = resolveRunInventory(
    store,
    inventoryId,
    Object.keys(design.topology.hosts),
    "add them on the Hosts & lab page, or bring up a lab for this topology there",
  );
  if (!inventory.ok)
    return { ok: false as const, error: { code: inventory.error.code, message: inventory.error.message } };
  return { ok: true as const, design, inventory: inventory.value };
}

export type InventoryList = {
  inventories: InventoryChoice[];
  lab: { state: string; name: string | null };
  /** Why the lab's inventory could not be registered, if it could not. */
  note: string | null;
};

/** Inventories to pick from; the running lab's inventory is registered (or refreshed) first. */
export const listInventoriesAction = defineAction(
  z.undefined(),
  "viewer",
  async (_input, { store }): Promise<ActionResult<InventoryList>> => {
    const registration = await registerLabInventory(store);
    const status = await labStatus().catch(() => null);
    return {
      ok: true,
      inventories: inventoryChoices(store),
      lab: { state: status?.state ?? "unknown", name: status?.name ?? null },
      note: registration.status === "skipped" ? registration.reason : null,
    };
  },
);

/** Observes the design's hosts and plans against them (apply: the drift; destroy: what would go). */
export const planOnHostsAction = defineAction(
  ConvergeInput,
  "operator",
  async (input, { actor, store }): Promise<ActionResult<{ observed: ObservedPlan; version: number }>> => {
    const found = target(store, input.topologyId, input.inventoryId);
    if (!found.ok) return found;
    try {
      const observed = await observePlan(store, {
        kind: input.kind,
        topology: found.design.topology,
        inventory: found.inventory,
        actor,
      });
      return { ok: true, observed, version: found.design.version.version };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        error: { code: error instanceof InventoryMismatchError ? "inventory-mismatch" : "observe-failed", message },
      };
    }
  },
);

/** Starts an apply or destroy of the saved version; progress at /api/runs/<id>/events. */
export const startConvergeAction = defineAction(
  ConvergeInput,
  "operator",
  async (input, { actor, store }): Promise<ActionResult<StartedRun & { version: number }>> => {
    const found = target(store, input.topologyId, input.inventoryId);
    if (!found.ok) return found;
    const started = startApplyRun(store, {
      kind: input.kind,
      topology: found.design.topology,
      version: found.design.version,
      inventory: found.inventory,
      actor,
    });
    return started.ok ? { ok: true, ...started.value, version: found.design.version.version } : started;
  },
);

/** Starts a ping matrix (a selection, or exactly the failed cells of an earlier run). */
export const startProbeAction = defineAction(
  ProbeInput,
  "operator",
  async (input, { actor, store }): Promise<ActionResult<StartedRun & { version: number }>> => {
    const found = target(store, input.topologyId, input.inventoryId);
    if (!found.ok) return found;
    const containers = found.design.topology.containers ?? {};
    const named = "groups" in input ? input.groups.flatMap((g) => [g.from, ...g.to]) : [];
    const selected = "groups" in input ? named : [...(input.from ?? []), ...(input.to ?? [])];
    // A host endpoint (`host:NAME`) must name a design host; anything else, a design container.
    const unknown = selected.filter((name) => {
      const host = endpointHost(name);
      return host === undefined ? !Object.hasOwn(containers, name) : !Object.hasOwn(found.design.topology.hosts, host);
    });
    if (unknown.length)
      return {
        ok: false,
        error: {
          code: "unknown-container",
          message: `version ${found.design.version.version} has no container or host ${[...new Set(unknown)].join(", ")}: save the design, or pick again`,
        },
      };
    const request =
      "groups" in input
        ? { mode: "groups" as const, groups: input.groups, rerunOf: input.rerunOf }
        : {
            mode: "select" as const,
            by: input.by,
            ...(input.from ? { from: input.from } : {}),
            ...(input.to ? { to: input.to } : {}),
          };
    const started = startPingRun(store, {
      topology: found.design.topology,
      version: found.design.version,
      inventory: found.inventory,
      actor,
      request,
      ...(input.settings ? { settings: input.settings } : {}),
      ...("responder" in input && input.responder ? { responder: true } : {}),
    });
    return started.ok ? { ok: true, ...started.value, version: found.design.version.version } : started;
  },
);

/** Asks a running run to stop (a ping matrix stops its probes at once). */
export const cancelRunAction = defineAction(
  RunInput,
  "operator",
  async (input, _context): Promise<ActionResult<{ cancelled: boolean }>> => {
    return { ok: true, cancelled: runHub().cancel(input.runId) };
  },
);

/** A stored ping run's cells (when its live stream is gone, e.g. after a server restart). */
export const loadPingRunAction = defineAction(
  RunInput,
  "viewer",
  async (
    input,
    { store },
  ): Promise<ActionResult<{ cells: ProbeCell[]; status: string; durationMs: number | null }>> => {
    const run = getRun(store, input.runId);
    if (run?.kind !== "ping") return { ok: false, error: { code: "not-found", message: "no such ping run" } };
    const cells = readPingRunCells(store, run);
    return { ok: true, cells, status: run.status, durationMs: run.durationMs };
  },
);

/** The newest ping run of a topology, to show its matrix when the Test tab opens. */
export const latestPingRunAction = defineAction(
  LatestInput,
  "viewer",
  async (
    input,
    { store },
  ): Promise<ActionResult<{ run: { id: string; status: string; startedAt: string } | null; cells: ProbeCell[] }>> => {
    const [run] = listRuns(store, { kind: "ping", topologyId: input.topologyId, limit: 1 });
    if (!run) return { ok: true, run: null, cells: [] };
    const cells = readPingRunCells(store, run);
    return { ok: true, run: { id: run.id, status: run.status, startedAt: run.startedAt }, cells };
  },
);
