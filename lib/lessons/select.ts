import type { Plan, Step } from "../plan/types";
import type { Selector } from "./schema";

/** `network:mac_net1@*` → a whole-string pattern where `*` is any run of characters. */
function resourcePattern(resource: string): RegExp {
  const escaped = resource
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${escaped}$`);
}

/** True when a plan step is one a selector names (every field given must match). */
export function matchesSelector(step: Pick<Step, "kind" | "resourceId" | "host">, selector: Selector): boolean {
  if (selector.kind !== undefined && step.kind !== selector.kind) return false;
  if (selector.host !== undefined && step.host !== selector.host) return false;
  if (selector.resource !== undefined && !resourcePattern(selector.resource).test(step.resourceId)) return false;
  return true;
}

export type Selection = {
  /** The steps the lesson step names, in plan order. */
  selected: Step[];
  /** Steps of the plan they depend on (directly or not) that are not selected: they run first. */
  needed: Step[];
};

/**
 * The part of a plan a lesson step stands for: the steps its selectors match, plus what those depend
 * on within the plan (a student who skipped an earlier step still gets a working subset). Plan order
 * is kept, so the subset runs in the order the whole plan would.
 */
export function selectPlanSteps(plan: Plan, selectors: readonly Selector[]): Selection {
  const byId = new Map(plan.steps.map((step) => [step.id, step]));
  const selected = new Set(
    plan.steps.filter((step) => selectors.some((selector) => matchesSelector(step, selector))).map((step) => step.id),
  );
  const needed = new Set<string>();
  const pending = [...selected];
  while (pending.length) {
    const step = byId.get(pending.pop() ?? "");
    for (const dependency of step?.dependsOn ?? []) {
      if (!byId.has(dependency) || selected.has(dependency) || needed.has(dependency)) continue;
      needed.add(dependency);
      pending.push(dependency);
    }
  }
  return {
    selected: plan.steps.filter((step) => selected.has(step.id)),
    needed: plan.steps.filter((step) => needed.has(step.id)),
  };
}

/** The plan narrowed to a selection (selected and needed steps, plan order); conflicts kept, they concern the hosts. */
export function narrowPlan(plan: Plan, selectors: readonly Selector[]): Plan {
  const { selected, needed } = selectPlanSteps(plan, selectors);
  const keep = new Set([...selected, ...needed].map((step) => step.id));
  return { steps: plan.steps.filter((step) => keep.has(step.id)), conflicts: plan.conflicts };
}
