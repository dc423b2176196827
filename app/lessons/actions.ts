"use server";

import { z } from "zod";
import { InventoryMismatchError } from "@/lib/exec/apply";
import { resolveInventory } from "@/lib/inventory/resolve";
import { faultRepairSelectors } from "@/lib/lessons/faults";
import { LessonIdSchema, type LessonStep } from "@/lib/lessons/schema";
import { narrowPlan } from "@/lib/lessons/select";
import { startApplyRun } from "@/lib/runs/apply-run";
import { startLabUp } from "@/lib/runs/lab-run";
import { checkFault, type FaultCheck, type FaultRunResult, injectFault } from "@/lib/runs/lesson-fault";
import { startPingRun } from "@/lib/runs/probe-run";
import type { StartedRun } from "@/lib/runs/stream";
import type { Store } from "@/lib/store/open";
import { lessonDesign } from "../_lib/lessons";
import { requireUser } from "../_lib/session";
import { getStore } from "../_lib/store";

export type LessonActionError = { code: string; message: string };
export type LessonActionResult<T> = ({ ok: true } & T) | { ok: false; error: LessonActionError };

const StepInput = z
  .object({ lessonId: LessonIdSchema, stepId: LessonIdSchema, inventoryId: z.string().uuid() })
  .strict();
const LessonInput = z.object({ lessonId: LessonIdSchema, inventoryId: z.string().uuid() }).strict();
const LabInput = z.object({ lessonId: LessonIdSchema }).strict();

function invalid(error: z.ZodError): { ok: false; error: LessonActionError } {
  const first = error.issues[0];
  return {
    ok: false,
    error: { code: "invalid-input", message: `${first?.path.join(".") || "input"}: ${first?.message ?? "invalid"}` },
  };
}

async function operator() {
  // auth: requireSession() — every action checks the caller itself (server actions are public POST endpoints).
  return requireUser("operator");
}

/** The lesson's stored design, the step, and the inventory to run on (which must have every host of the design). */
function target(store: Store, input: { lessonId: string; inventoryId: string; stepId?: string }, who: string) {
  const design = lessonDesign(store, input.lessonId, who);
  if (!design.ok) return design;
  let step: LessonStep | undefined;
  if (input.stepId !== undefined) {
    step = design.lesson.steps.find((candidate) => candidate.id === input.stepId);
    if (!step)
      return {
        ok: false as const,
        error: { code: "not-found", message: `lesson ${input.lessonId} has no step ${input.stepId}` },
      };
  }
  const inventory = resolveInventory(store, input.inventoryId);
  if (!inventory.ok) return inventory;
  const missing = Object.keys(design.topology.hosts).filter((host) => !(host in inventory.value.inventory.hosts));
  if (missing.length)
    return {
      ok: false as const,
      error: {
        code: "inventory-mismatch",
        message: `inventory '${inventory.value.record.name}' has no ${missing.join(", ")}: bring up the lab for this lesson, or pick another inventory`,
      },
    };
  return { ok: true as const, design, step, inventory: inventory.value };
}

/** Applies just a lesson step's plan steps (and what they need first) on the hosts; progress at /api/runs/<id>/events. */
export async function applyLessonStepAction(input: unknown): Promise<LessonActionResult<StartedRun>> {
  const session = await operator();
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = StepInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const store = getStore();
  const found = target(store, parsed.data, session.user.userName);
  if (!found.ok) return found;
  const selectors = found.step?.apply ?? [];
  if (selectors.length === 0)
    return { ok: false, error: { code: "nothing-to-apply", message: "this step applies nothing" } };
  const started = startApplyRun(store, {
    kind: "apply",
    topology: found.design.topology,
    version: found.design.version,
    inventory: found.inventory,
    who: session.user.userName,
    narrow: {
      plan: (plan) => narrowPlan(plan, selectors),
      label: `lesson ${parsed.data.lessonId}: ${parsed.data.stepId}`,
    },
  });
  return started.ok ? { ok: true, ...started.value } : started;
}

/** Runs a lesson step's pings (after the student predicted them); cells stream at /api/runs/<id>/events. */
export async function pingLessonStepAction(input: unknown): Promise<LessonActionResult<StartedRun>> {
  const session = await operator();
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = StepInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const store = getStore();
  const found = target(store, parsed.data, session.user.userName);
  if (!found.ok) return found;
  const pings = found.step?.predict ?? [];
  if (pings.length === 0) return { ok: false, error: { code: "nothing-to-ping", message: "this step has no pings" } };
  const groups = new Map<string, { from: string; by: "ip" | "name"; to: string[] }>();
  for (const ping of pings) {
    const key = `${ping.from}\u0000${ping.by}`;
    const group = groups.get(key) ?? { from: ping.from, by: ping.by, to: [] };
    if (!group.to.includes(ping.to)) group.to.push(ping.to);
    groups.set(key, group);
  }
  const started = startPingRun(store, {
    topology: found.design.topology,
    version: found.design.version,
    inventory: found.inventory,
    who: session.user.userName,
    request: { mode: "groups", groups: [...groups.values()], rerunOf: null },
  });
  return started.ok ? { ok: true, ...started.value } : started;
}

/** Injects a lesson step's fault on the hosts (allow-listed kinds turned into argv by lib/lessons). */
export async function injectFaultAction(input: unknown): Promise<LessonActionResult<{ result: FaultRunResult }>> {
  const session = await operator();
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = StepInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const store = getStore();
  const found = target(store, parsed.data, session.user.userName);
  if (!found.ok) return found;
  const fault = found.step?.fault;
  if (!fault) return { ok: false, error: { code: "no-fault", message: "this step injects no fault" } };
  const result = await injectFault(store, {
    fault,
    topology: found.design.topology,
    inventory: found.inventory,
    who: session.user.userName,
  });
  return { ok: true, result };
}

/** Looks at the hosts: is the step's fault still there, and which plan steps would repair it. */
export async function checkFaultAction(input: unknown): Promise<LessonActionResult<{ check: FaultCheck }>> {
  const session = await operator();
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = StepInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const store = getStore();
  const found = target(store, parsed.data, session.user.userName);
  if (!found.ok) return found;
  const fault = found.step?.fault;
  if (!fault) return { ok: false, error: { code: "no-fault", message: "this step injects no fault" } };
  try {
    const check = await checkFault(store, {
      fault,
      topology: found.design.topology,
      inventory: found.inventory,
      who: session.user.userName,
    });
    return { ok: true, check };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: { code: error instanceof InventoryMismatchError ? "inventory-mismatch" : "observe-failed", message },
    };
  }
}

/** Lets Crossnet repair the step's fault: applies just the plan steps that undo it. */
export async function repairFaultAction(input: unknown): Promise<LessonActionResult<StartedRun>> {
  const session = await operator();
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = StepInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const store = getStore();
  const found = target(store, parsed.data, session.user.userName);
  if (!found.ok) return found;
  const fault = found.step?.fault;
  if (!fault) return { ok: false, error: { code: "no-fault", message: "this step injects no fault" } };
  const selectors = faultRepairSelectors(fault, found.design.topology);
  const started = startApplyRun(store, {
    kind: "apply",
    topology: found.design.topology,
    version: found.design.version,
    inventory: found.inventory,
    who: session.user.userName,
    narrow: {
      plan: (plan) => narrowPlan(plan, selectors),
      label: `lesson ${parsed.data.lessonId}: repair ${parsed.data.stepId}`,
    },
  });
  return started.ok ? { ok: true, ...started.value } : started;
}

/** Starts the lesson over: removes what Crossnet created for its design on the hosts (a destroy run). */
export async function resetLessonAction(input: unknown): Promise<LessonActionResult<StartedRun>> {
  const session = await operator();
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = LessonInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const store = getStore();
  const found = target(store, parsed.data, session.user.userName);
  if (!found.ok) return found;
  const started = startApplyRun(store, {
    kind: "destroy",
    topology: found.design.topology,
    version: found.design.version,
    inventory: found.inventory,
    who: session.user.userName,
  });
  return started.ok ? { ok: true, ...started.value } : started;
}

/** Brings up the embedded lab for the lesson's design (one lab at a time on the machine); progress streams. */
export async function lessonLabUpAction(input: unknown): Promise<LessonActionResult<StartedRun>> {
  const session = await operator();
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = LabInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const store = getStore();
  const design = lessonDesign(store, parsed.data.lessonId, session.user.userName);
  if (!design.ok) return design;
  const started = await startLabUp(store, {
    topology: design.topology,
    version: design.version,
    who: session.user.userName,
  });
  return started.ok ? { ok: true, ...started.value } : started;
}
