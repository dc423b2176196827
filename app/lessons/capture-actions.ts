"use server";

import { z } from "zod";
import { resolveRunInventory } from "@/lib/app/inventory";
import { runTrace } from "@/lib/app/trace";
import type { TraceResult } from "@/lib/capture/types";
import { LessonIdSchema } from "@/lib/lessons/schema";
import { type ActionResult, defineAction } from "../_lib/action";
import { RecordId } from "../_lib/inputs";
import { lessonDesign } from "../_lib/lessons";

const QuestionInput = z.object({ lessonId: LessonIdSchema, stepId: LessonIdSchema, inventoryId: RecordId }).strict();

/** Traces the ping of a lesson step's question (the step names it; the browser names nothing else). Audited by lib/app. */
export const traceLessonQuestionAction = defineAction(
  QuestionInput,
  "operator",
  async (input, { actor, session, store }): Promise<ActionResult<{ trace: TraceResult }>> => {
    const design = lessonDesign(store, input.lessonId, session.userName);
    if (!design.ok) return design;
    const question = design.lesson.steps.find((step) => step.id === input.stepId)?.question;
    if (!question)
      return {
        ok: false,
        error: { code: "not-found", message: `lesson ${input.lessonId} has no question in step ${input.stepId}` },
      };
    const inventory = resolveRunInventory(
      store,
      input.inventoryId,
      Object.keys(design.topology.hosts),
      "bring up the lab for this lesson, or pick another inventory",
    );
    if (!inventory.ok) return { ok: false, error: { code: inventory.error.code, message: inventory.error.message } };
    const result = await runTrace(actor, store, {
      topologyId: design.topologyId,
      inventoryId: input.inventoryId,
      from: question.trace.from,
      to: question.trace.to,
      by: question.trace.by,
    });
    return result.ok ? { ok: true, trace: result.value } : { ok: false, error: result.error };
  },
);
