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

/** Who reads which design's hosts, on which inventory. */
export type ObserveInput = { topology: Topology; inventory: ResolvedInventory; actor: Actor };

/**
 * Reads the design's hosts as an operator (no lock; every observation command is audited under a
 * new run id): what `statusTopology` saw, with the drift plan. The one way lib/app observes.
 * @throws InventoryMismatchError when the inventory lacks a design host.
 */
export async function observeHosts(store: Store, input: ObserveInput) {
  assertAllowed(input.actor, "operator");
  return statusTopology(input.topology, {
    inventory: input.inventory.inventory,
    inventoryDir: input.inventory.dir,
    who: input.actor.name,
    audit: createAuditSink(store),
    runId: randomUUID(),
    credential: input.inventory.credential,
  });
}

/**
 * Reads the design's hosts ({@link observeHosts}) and plans against what is there: the apply plan
 * (whose steps are the drift) or the destroy plan.
 * @throws InventoryMismatchError when the inventory lacks a design host.
 */
export async function observePlan(
  store: Store,
  input: ObserveInput & { kind: "apply" | "destroy" },
): Promise<ObservedPlan> {
  const status = await observeHosts(store, input);
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
