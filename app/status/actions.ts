"use server";

import { z } from "zod";
import { type HostStatus, readHostStatus } from "@/lib/app/host-status";
import { resolveInventory } from "@/lib/app/inventory";
import { type ActionResult, defineAction } from "../_lib/action";
import { RecordId } from "../_lib/inputs";

export type StatusActionResult = ActionResult<{ hosts: HostStatus[] }>;

const Input = z.object({ inventoryId: RecordId }).strict();

/** Reads what Docker reports on every host of an inventory (read-only calls, audited; runs on hosts, so operator). */
export const readHostStatusAction = defineAction(
  Input,
  "operator",
  async (input, { actor, store }): Promise<StatusActionResult> => {
    const inventory = resolveInventory(store, input.inventoryId);
    if (!inventory.ok) return { ok: false, error: inventory.error };
    return { ok: true, hosts: await readHostStatus(store, { inventory: inventory.value, actor }) };
  },
);
