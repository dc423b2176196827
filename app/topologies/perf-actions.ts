"use server";

import { z } from "zod";
import { clearImpairments, type ImpairReport, impairPoint } from "@/lib/app/impair";
import { resolveRunInventory } from "@/lib/app/inventory";
import { PerfInputError, type PerfReport, runPerf } from "@/lib/app/perf";
import { parseImpairRequest } from "@/lib/plan/impairment";
import { PERF_LIMITS } from "@/lib/probe/perf-iperf";
import { createAuditSink } from "@/lib/store/audit";
import type { Store } from "@/lib/store/open";
import { insertPerfResults, listPerfResults, type StoredPerfResult } from "@/lib/store/perf-results";
import { type ActionResult, defineAction } from "../_lib/action";
import { ContainerName, RecordId as Id } from "../_lib/inputs";
import { savedDesign } from "../_lib/saved-design";

const PerfInput = z
  .object({
    topologyId: Id,
    inventoryId: Id,
    from: z.array(ContainerName).min(1).max(PERF_LIMITS.maxPairs),
    to: z.array(ContainerName).min(1).max(PERF_LIMITS.maxPairs),
    seconds: z.number().int().min(PERF_LIMITS.minSeconds).max(PERF_LIMITS.maxSeconds),
    udp: z.boolean(),
  })
  .strict();
const ImpairInput = z
  .object({
    topologyId: Id,
    inventoryId: Id,
    at: z.string().min(1).max(200).optional(),
    action: z.enum(["down", "rate", "loss", "delay", "clear"]),
    value: z.string().max(32).optional(),
  })
  .strict();
const ListInput = z.object({ topologyId: Id }).strict();

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

/** Measures throughput with iperf3 between containers of the saved design (bounded pairs and seconds), and stores it. */
export const measureThroughputAction = defineAction(
  PerfInput,
  "operator",
  async (input, { actor, store }): Promise<ActionResult<{ report: PerfReport }>> => {
    const found = target(store, input.topologyId, input.inventoryId);
    if (!found.ok) return found;
    try {
      const report = await runPerf(found.design.topology, {
        inventory: found.inventory.inventory,
        inventoryDir: found.inventory.dir,
        credential: found.inventory.credential,
        who: actor.name,
        audit: createAuditSink(store),
        from: input.from,
        to: input.to,
        seconds: input.seconds,
        udp: input.udp,
      });
      insertPerfResults(store, { ...report, who: actor.name });
      return { ok: true, report };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: error instanceof PerfInputError ? "invalid-input" : "perf-failed", message } };
    }
  },
);

/** The newest throughput measurements of a saved design. */
export const listThroughputAction = defineAction(
  ListInput,
  "viewer",
  async (input, { store }): Promise<ActionResult<{ results: StoredPerfResult[] }>> => {
    const design = savedDesign(input.topologyId);
    if (!design.ok) return design;
    return { ok: true, results: listPerfResults(store, { topology: design.topology.name, limit: 50 }) };
  },
);

/** Puts an impairment on a point of the saved design, or clears it (every command audited). */
export const impairAction = defineAction(
  ImpairInput,
  "operator",
  async (input, { actor, store }): Promise<ActionResult<{ report: ImpairReport }>> => {
    const found = target(store, input.topologyId, input.inventoryId);
    if (!found.ok) return found;
    const topology = found.design.topology;
    const request = parseImpairRequest(
      {
        at: input.at,
        down: input.action === "down",
        clear: input.action === "clear",
        ...(input.action === "rate" || input.action === "loss" || input.action === "delay"
          ? { [input.action]: input.value ?? "" }
          : {}),
      },
      topology,
    );
    if (!request.ok)
      return {
        ok: false,
        error: {
          code: "invalid-input",
          message: `${request.problem.field}: ${request.problem.message}. ${request.problem.hint}`,
        },
      };
    const options = {
      inventory: found.inventory.inventory,
      inventoryDir: found.inventory.dir,
      credential: found.inventory.credential,
      who: actor.name,
      audit: createAuditSink(store),
    };
    try {
      const report =
        request.value.action === "apply"
          ? await impairPoint(topology, request.value.point, request.value.impairment, options)
          : await clearImpairments(topology, request.value.points, options);
      return { ok: true, report };
    } catch (error) {
      return {
        ok: false,
        error: { code: "impair-failed", message: error instanceof Error ? error.message : String(error) },
      };
    }
  },
);
