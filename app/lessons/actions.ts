"use server";

import { z } from "zod";
import type { Actor } from "@/lib/app/actor";
import { startApplyRun } from "@/lib/app/apply-run";
import { InventoryMismatchError } from "@/lib/app/converge";
import { resolveRunInventory } from "@/lib/app/inventory";
import { startLabUp } from "@/lib/app/lab-lifecycle";
import { checkFault, type FaultCheck, type FaultRunResult, injectFault } from "@/lib/app/lesson-fault";
import {
  changeLessonState,
  followLessonRun,
  type LessonStateKey,
  type LessonStateSnapshot,
  type LessonStateSteps,
} from "@/lib/app/lesson-state";
import { startPingRun } from "@/lib/app/ping-session";
import { faultRepairSelectors } from "@/lib/lessons/faults";
import { OUTCOMES, type Outcome } from "@/lib/lessons/judge";
import type { ProgressAction } from "@/lib/lessons/progress";
import { FAULT_KINDS, type FaultKind, LessonIdSchema, type LessonStep } from "@/lib/lessons/schema";
import { narrowPlan } from "@/lib/lessons/select";
import type { Plan } from "@/lib/plan/types";
import type { StartedRun } from "@/lib/runs/stream";
import type { Store } from "@/lib/store/open";
import { type ActionResult, defineAction } from "../_lib/action";
import { RecordId } from "../_lib/inputs";
import { lessonDesign, lessonStateSteps } from "../_lib/lessons";

const StepInput = z.object({ lessonId: LessonIdSchema, stepId: LessonIdSchema, inventoryId: RecordId }).strict();
const LessonInput = z.object({ lessonId: LessonIdSchema, inventoryId: RecordId }).strict();
const LabInput = z.object({ lessonId: LessonIdSchema }).strict();
const ProgressInput = z
  .object({
    lessonId: LessonIdSchema,
    action: z.discriminatedUnion("type", [
      z.object({ type: z.literal("go"), index: z.number().int().min(0).max(1000) }).strict(),
      z
        .object({
          type: z.literal("predict"),
          step: LessonIdSchema,
          ping: z.number().int().min(0).max(1000),
          outcome: z.enum(OUTCOMES as [Outcome, ...Outcome[]]),
        })
        .strict(),
      z
        .object({
          type: z.literal("answer"),
          step: LessonIdSchema,
          answer: z.enum(FAULT_KINDS as [FaultKind, ...FaultKind[]]),
        })
        .strict(),
      z.object({ type: z.literal("replay"), step: LessonIdSchema }).strict(),
    ]),
  })
  .strict();

/** What a student does in a lesson that only changes their state (no run): move, predict, answer, replay. */
export type LessonProgressInput = z.infer<typeof ProgressInput>;

/** The lesson state key and steps of a lesson for the caller, or an error when the lesson does not load. */
function stateOf(
  lessonId: string,
  userId: string,
):
  | { ok: true; key: LessonStateKey; steps: LessonStateSteps }
  | { ok: false; error: { code: string; message: string } } {
  const steps = lessonStateSteps(lessonId);
  if (!steps) return { ok: false, error: { code: "invalid-lesson", message: `lesson '${lessonId}' does not load` } };
  return { ok: true, key: { userId, lessonId }, steps };
}

/**
 * Records a run a lesson step started in the caller's lesson state, and follows it there on the server
 * (cells, end), so the views see it whether or not a browser stays open.
 */
/** Records on the lesson's state that a step's apply (or repair) run started. */
function recordStepApply(
  store: Store,
  input: { lessonId: string; stepId: string },
  userId: string,
  runId: string,
): Promise<LessonStateSnapshot | null> {
  return recordRun(store, {
    lessonId: input.lessonId,
    userId,
    runId,
    purpose: { step: input.stepId },
    started: { type: "apply-started", step: input.stepId, runId },
  });
}

async function recordRun(
  store: Store,
  input: {
    lessonId: string;
    userId: string;
    runId: string;
    purpose: { step: string } | "reset";
    started?: ProgressAction;
  },
): Promise<LessonStateSnapshot | null> {
  const state = stateOf(input.lessonId, input.userId);
  if (!state.ok) return null;
  const snapshot = input.started ? changeLessonState(store, state.key, state.steps, [input.started]) : null;
  followLessonRun(store, { ...state.key, steps: state.steps, runId: input.runId, purpose: input.purpose });
  return snapshot;
}

/**
 * Changes the caller's own lesson state without running anything: the step shown, a prediction, an answer
 * to "what is wrong?" (judged here against the lesson's fault), or a step started over. Operators only, as
 * every action that writes (a viewer watches).
 */
export const lessonProgressAction = defineAction(
  ProgressInput,
  "operator",
  async (input, { session, store }): Promise<ActionResult<{ state: LessonStateSnapshot }>> => {
    const state = stateOf(input.lessonId, session.userId);
    if (!state.ok) return state;
    const { action } = input;
    let change: ProgressAction = action as ProgressAction;
    if (action.type === "answer") {
      const fault = state.steps.find((step) => step.id === action.step)?.fault;
      change = { type: "answer", step: action.step, answer: action.answer, correct: fault?.kind === action.answer };
    }
    return { ok: true, state: changeLessonState(store, state.key, state.steps, [change]) };
  },
);

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
  const inventory = resolveRunInventory(
    store,
    input.inventoryId,
    Object.keys(design.topology.hosts),
    "bring up the lab for this lesson, or pick another inventory",
  );
  if (!inventory.ok)
    return { ok: false as const, error: { code: inventory.error.code, message: inventory.error.message } };
  return { ok: true as const, design, step, inventory: inventory.value };
}

/** A lesson's design, step and resolved inventory, as {@link target} finds them. */
type Found = Extract<ReturnType<typeof target>, { ok: true }>;

/**
 * Starts an apply or destroy of the lesson's design on the chosen inventory (narrowed to the plan steps
 * `selectors` pick, or the whole plan) and records the run on the caller's lesson state.
 */
async function startLessonConverge(
  store: Store,
  found: Pick<Found, "design" | "inventory">,
  run: {
    kind: "apply" | "destroy";
    actor: Actor;
    narrow?: { selectors: Parameters<typeof narrowPlan>[1]; label: string };
  },
  record: (runId: string) => Promise<unknown>,
): Promise<ActionResult<StartedRun>> {
  const { narrow } = run;
  const started = startApplyRun(store, {
    kind: run.kind,
    topology: found.design.topology,
    version: found.design.version,
    inventory: found.inventory,
    actor: run.actor,
    ...(narrow ? { narrow: { plan: (plan: Plan) => narrowPlan(plan, narrow.selectors), label: narrow.label } } : {}),
  });
  if (!started.ok) return started;
  await record(started.value.runId);
  return { ok: true, ...started.value };
}

/** Applies just a lesson step's plan steps (and what they need first) on the hosts; progress at /api/runs/<id>/events. */
export const applyLessonStepAction = defineAction(
  StepInput,
  "operator",
  async (input, { actor, session, store }): Promise<ActionResult<StartedRun>> => {
    const found = target(store, input, session.userName);
    if (!found.ok) return found;
    const selectors = found.step?.apply ?? [];
    if (selectors.length === 0)
      return { ok: false, error: { code: "nothing-to-apply", message: "this step applies nothing" } };
    return startLessonConverge(
      store,
      found,
      { kind: "apply", actor, narrow: { selectors, label: `lesson ${input.lessonId}: ${input.stepId}` } },
      (runId) => recordStepApply(store, input, session.userId, runId),
    );
  },
);

/** Runs a lesson step's pings (after the student predicted them); cells stream at /api/runs/<id>/events. */
export const pingLessonStepAction = defineAction(
  StepInput,
  "operator",
  async (input, { actor, session, store }): Promise<ActionResult<StartedRun>> => {
    const found = target(store, input, session.userName);
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
      actor,
      request: { mode: "groups", groups: [...groups.values()], rerunOf: null },
    });
    if (!started.ok) return started;
    const { runId } = started.value;
    await recordRun(store, {
      lessonId: input.lessonId,
      userId: session.userId,
      runId,
      purpose: { step: input.stepId },
      started: { type: "ping-started", step: input.stepId, runId },
    });
    return { ok: true, ...started.value };
  },
);

/** Injects a lesson step's fault on the hosts (allow-listed kinds turned into argv by lib/lessons). */
export const injectFaultAction = defineAction(
  StepInput,
  "operator",
  async (input, { actor, session, store }): Promise<ActionResult<{ result: FaultRunResult }>> => {
    const found = target(store, input, session.userName);
    if (!found.ok) return found;
    const fault = found.step?.fault;
    if (!fault) return { ok: false, error: { code: "no-fault", message: "this step injects no fault" } };
    const result = await injectFault(store, {
      fault,
      topology: found.design.topology,
      inventory: found.inventory,
      actor,
    });
    const state = stateOf(input.lessonId, session.userId);
    if (result.ok && state.ok)
      changeLessonState(store, state.key, state.steps, [{ type: "fault-injected", step: input.stepId }]);
    return { ok: true, result };
  },
);

/** Looks at the hosts: is the step's fault still there, and which plan steps would repair it. */
export const checkFaultAction = defineAction(
  StepInput,
  "operator",
  async (input, { actor, session, store }): Promise<ActionResult<{ check: FaultCheck }>> => {
    const found = target(store, input, session.userName);
    if (!found.ok) return found;
    const fault = found.step?.fault;
    if (!fault) return { ok: false, error: { code: "no-fault", message: "this step injects no fault" } };
    try {
      const check = await checkFault(store, {
        fault,
        topology: found.design.topology,
        inventory: found.inventory,
        actor,
      });
      const state = stateOf(input.lessonId, session.userId);
      if (check.present !== null && state.ok)
        changeLessonState(store, state.key, state.steps, [
          { type: "fault-checked", step: input.stepId, present: check.present },
        ]);
      return { ok: true, check };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        error: { code: error instanceof InventoryMismatchError ? "inventory-mismatch" : "observe-failed", message },
      };
    }
  },
);

/** Lets Crossnet repair the step's fault: applies just the plan steps that undo it. */
export const repairFaultAction = defineAction(
  StepInput,
  "operator",
  async (input, { actor, session, store }): Promise<ActionResult<StartedRun>> => {
    const found = target(store, input, session.userName);
    if (!found.ok) return found;
    const fault = found.step?.fault;
    if (!fault) return { ok: false, error: { code: "no-fault", message: "this step injects no fault" } };
    const selectors = faultRepairSelectors(fault, found.design.topology);
    return startLessonConverge(
      store,
      found,
      { kind: "apply", actor, narrow: { selectors, label: `lesson ${input.lessonId}: repair ${input.stepId}` } },
      (runId) => recordStepApply(store, input, session.userId, runId),
    );
  },
);

/** Starts the lesson over: removes what Crossnet created for its design on the hosts (a destroy run). */
export const resetLessonAction = defineAction(
  LessonInput,
  "operator",
  async (input, { actor, session, store }): Promise<ActionResult<StartedRun>> => {
    const found = target(store, input, session.userName);
    if (!found.ok) return found;
    return startLessonConverge(store, found, { kind: "destroy", actor }, (runId) =>
      recordRun(store, { lessonId: input.lessonId, userId: session.userId, runId, purpose: "reset" }),
    );
  },
);

/** Brings up the embedded lab for the lesson's design (one lab at a time on the machine); progress streams. */
export const lessonLabUpAction = defineAction(
  LabInput,
  "operator",
  async (input, { actor, session, store }): Promise<ActionResult<StartedRun>> => {
    const design = lessonDesign(store, input.lessonId, session.userName);
    if (!design.ok) return design;
    const started = await startLabUp(store, {
      topology: design.topology,
      version: design.version,
      actor,
    });
    return started.ok ? { ok: true, ...started.value } : started;
  },
);
