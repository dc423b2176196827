"use server";

import { z } from "zod";
import { runTrace } from "@/lib/app/trace";
import type { TraceResult } from "@/lib/capture/types";
import { nameProblem } from "@/lib/topology";
import { type ActionResult, defineAction } from "../_lib/action";

const ContainerName = z
  .string()
  .max(63)
  .refine((value) => nameProblem(value, "container") === undefined, "not a container name");

const TraceInput = z
  .object({
    topologyId: z.string().uuid(),
    inventoryId: z.string().uuid().optional(),
    from: ContainerName,
    to: ContainerName,
    by: z.enum(["ip", "name"]).optional(),
  })
  .strict();

/** Traces one ping of the saved design hop by hop (short captures on its expected path); audited by lib/app. */
export const traceAction = defineAction(
  TraceInput,
  "operator",
  async (input, { actor, store }): Promise<ActionResult<{ trace: TraceResult }>> => {
    const result = await runTrace(actor, store, input);
    return result.ok ? { ok: true, trace: result.value } : { ok: false, error: result.error };
  },
);
