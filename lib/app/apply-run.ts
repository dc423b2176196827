import "server-only";
import type { Plan } from "../plan/types";
import { runHub } from "../runs/hub";
import type { StartedRun } from "../runs/stream";
import { createAuditSink } from "../store/audit";
import { createJournalSink } from "../store/journal";
import type { Store } from "../store/open";
import { finishRun, startRun } from "../store/runs";
import type { TopologyVersion } from "../store/topologies";
import type { Topology } from "../topology/schema";
import { toApplyLogEvent } from "../views/apply-log";
import type { Actor } from "./actor";
import { applyResultView, applySummary } from "./apply-result";
import { applyTopology, destroyTopology, InventoryMismatchError } from "./converge";
import type { ResolvedInventory } from "./inventory";
import { forbiddenOnInventory } from "./inventory-access";

export type StartRunError = { code: "unknown-reference" | "busy" | "forbidden" | "invalid-input"; message: string };

/**
 * Starts an apply or destroy of a saved topology version on an inventory's hosts, in the
 * background: a `runs` row tied to the version and inventory, the step journal and the audit log
 * in the store, progress on the run hub. Returns once the run is registered.
 */
export function startApplyRun(
  store: Store,
  input: {
    kind: "apply" | "destroy";
    topology: Topology;
    version: TopologyVersion;
    inventory: ResolvedInventory;
    actor: Actor;
    /** Apply only part of the plan (see `ConvergeOptions.narrow`); recorded in the run's settings as `part`. */
    narrow?: { plan: (plan: Plan) => Plan; label: string };
  },
): { ok: true; value: StartedRun } | { ok: false; error: StartRunError } {
  const denied = forbiddenOnInventory(store, input.actor, input.inventory.record, "operator");
  if (denied) return { ok: false, error: denied };
  const run = startRun(store, {
    kind: input.kind,
    who: input.actor.name,
    topologyVersionId: input.version.id,
    inventoryId: input.inventory.record.id,
    settings: {
      inventory: input.inventory.record.name,
      version: input.version.version,
      ...(input.narrow ? { part: input.narrow.label } : {}),
    },
  });
  if (!run.ok) return { ok: false, error: { code: "unknown-reference", message: run.error.message } };
  const runId = run.value.id;
  const channel = runHub().open(runId, input.kind);
  const audit = createAuditSink(store);
  const started = performance.now();
  const converge = input.kind === "apply" ? applyTopology : destroyTopology;
  void (async () => {
    try {
      const report = await converge(input.topology, {
        inventory: input.inventory.inventory,
        inventoryDir: input.inventory.dir,
        who: input.actor.name,
        audit,
        journal: (id) => createJournalSink(store, id),
        runId,
        credential: input.inventory.credential,
        ...(input.narrow ? { narrow: input.narrow.plan } : {}),
        onEvent: (event) => {
          const view = toApplyLogEvent(event);
          if (view) channel.emit({ type: "apply", event: view });
        },
      });
      const result = applyResultView(report, input.topology, Math.round(performance.now() - started));
      if (audit.failures > 0) channel.emit({ type: "note", text: `${audit.failures} audit rows could not be written` });
      finishRun(store, runId, { status: result.status, summary: applySummary(result) });
      channel.end({ kind: input.kind, result });
    } catch (error) {
      const message =
        error instanceof InventoryMismatchError
          ? error.message
          : `the ${input.kind} stopped: ${error instanceof Error ? error.message : String(error)}`;
      finishRun(store, runId, { status: "failed", summary: { error: message } });
      channel.end({ kind: "error", message });
    }
  })();
  return { ok: true, value: { runId, kind: input.kind } };
}
