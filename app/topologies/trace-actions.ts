"use server";

import { z } from "zod";
import { runTrace } from "@/lib/app/trace";
import type { TraceResult } from "@/lib/capture/types";
import { type ActionResult, defineAction } from "../_lib/action";
import { ContainerName, RecordId } from "../_lib/inputs";

const TraceInput = z
  .object({
    topologyId: RecordId,
    inventoryId: RecordId.optional(),
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
