"use server";

import { z } from "zod";
import { type OpenedConsole, openConsole } from "@/lib/app/console-session";
import { type ControlResult, controlContainer } from "@/lib/app/container-control";
import { type LogsTail, tailContainerLogs } from "@/lib/app/container-logs";
import { HANDS_LIMITS } from "@/lib/views/container-hands";
import { type ActionResult, defineAction } from "../_lib/action";
import { ContainerRef, containerTarget } from "../_lib/container-target";

const ControlInput = ContainerRef.extend({ action: z.enum(["start", "stop", "restart"]) }).strict();
const LogsInput = ContainerRef.extend({ lines: z.number().int().min(1).max(HANDS_LIMITS.tailMax).optional() }).strict();
const ConsoleInput = ContainerRef.extend({
  cols: z.number().int().min(10).max(HANDS_LIMITS.colsMax),
  rows: z.number().int().min(2).max(HANDS_LIMITS.rowsMax),
}).strict();

/** Starts, stops or restarts one container of the saved design on its host (audited). */
export const containerControlAction = defineAction(
  ControlInput,
  "operator",
  async (input, { actor, store }): Promise<ActionResult<{ result: ControlResult }>> => {
    const target = containerTarget(store, input, actor);
    if (!target.ok) return target;
    const done = await controlContainer(store, { ...target.value, action: input.action });
    return done.ok ? { ok: true, result: done.value } : done;
  },
);

/** The last lines of one container's log (bounded in lines and bytes; audited). */
export const containerLogsAction = defineAction(
  LogsInput,
  "operator",
  async (input, { actor, store }): Promise<ActionResult<{ logs: LogsTail }>> => {
    const target = containerTarget(store, input, actor);
    if (!target.ok) return target;
    const done = await tailContainerLogs(store, { ...target.value, ...(input.lines ? { lines: input.lines } : {}) });
    return done.ok ? { ok: true, logs: done.value } : done;
  },
);

/** Opens a console (`docker exec -it NAME sh`); output at /api/console/<id>/events, keys to /api/console/<id>. */
export const openConsoleAction = defineAction(
  ConsoleInput,
  "operator",
  async (input, { actor, store }): Promise<ActionResult<{ console: OpenedConsole }>> => {
    const target = containerTarget(store, input, actor);
    if (!target.ok) return target;
    const opened = await openConsole(store, { ...target.value, cols: input.cols, rows: input.rows });
    return opened.ok ? { ok: true, console: opened.value } : opened;
  },
);
