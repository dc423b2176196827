import "server-only";
import { randomUUID } from "node:crypto";
import { type DriftReport, driftOf } from "../drift/drift";
import { planDestroy } from "../plan/plan";
import { createAuditSink } from "../store/audit";
import type { Store } from "../store/open";
import type { Topology } from "../topology/schema";
import { type ContainerLive, containerLiveStates } from "../views/container-live";
import { type PlanView, planView } from "../views/plan-view";
import { type Actor, assertAllowed } from "./actor";
import { statusTopology } from "./converge";
import type { ResolvedInventory } from "./inventory";

/** The plan against the observed hosts, with the drift it means (apply) and hosts that could not be read. */
export type ObservedPlan = {
  kind: "apply" | "destroy";
  plan: PlanView;
  drift: DriftReport | null;
  unreachable: { host: string; error: string }[];
  observedAt: string;
  /** Each design container as the hosts have it: running or stopped, and its addresses (for the canvas). */
  live?: Record<string, ContainerLive>;
};

/**
 * Reads the design's hosts (no lock; the observation commands are audited) and plans against what
 * is there: the apply plan (whose steps are the drift) or the destroy plan.
 * @throws InventoryMismatchError when the inventory lacks a design host.
 */
export async function observePlan(
  store: Store,
  input: { kind: "apply" | "destroy"; topology: Topology; inventory: ResolvedInventory; actor: Actor },
): Promise<ObservedPlan> {
  assertAllowed(input.actor, "operator");
  const status = await statusTopology(input.topology, {
    inventory: input.inventory.inventory,
    inventoryDir: input.inventory.dir,
    who: input.actor.name,
    audit: createAuditSink(store),
    runId: randomUUID(),
    credential: input.inventory.credential,
  });
  const plan = input.kind === "apply" ? status.drift : planDestroy(input.topology, status.observed);
  return {
    kind: input.kind,
    plan: planView(plan),
    drift: input.kind === "apply" ? driftOf(input.topology, plan) : null,
    unreachable: status.unreachable,
    observedAt: new Date().toISOString(),
    live: containerLiveStates(input.topology, status.observed),
  };
}
