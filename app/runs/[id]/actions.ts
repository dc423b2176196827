"use server";

import { z } from "zod";
import { readRunCell } from "@/lib/app/run-history";
import type { ProbeCell } from "@/lib/probe/types";
import { type ActionResult, defineAction } from "../../_lib/action";
import { RecordId } from "../../_lib/inputs";

const CellInput = z.object({ runId: RecordId, cellId: z.string().min(1).max(1_000) });

/** One cell of a big stored run in full, read when the run page opens it (the page got it without raw output). */
export const runCellAction = defineAction(
  CellInput,
  "viewer",
  (input, { actor, store }): ActionResult<{ cell: ProbeCell }> => {
    const read = readRunCell(store, { actor, runId: input.runId, cellId: input.cellId });
    if (!read.ok) return { ok: false, error: read.error };
    return { ok: true, cell: read.value };
  },
);
