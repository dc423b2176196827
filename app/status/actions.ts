"use server";

import { z } from "zod";
import { resolveInventory } from "@/lib/inventory/resolve";
import { type HostStatus, readHostStatus } from "@/lib/runs/host-status";
import { requireUser } from "../_lib/session";
import { getStore } from "../_lib/store";

export type StatusActionResult =
  | { ok: true; hosts: HostStatus[] }
  | { ok: false; error: { code: string; message: string } };

const Input = z.object({ inventoryId: z.string().uuid() }).strict();

/** Reads what Docker reports on every host of an inventory (read-only calls, audited; runs on hosts, so operator). */
export async function readHostStatusAction(input: unknown): Promise<StatusActionResult> {
  const session = await requireUser("operator");
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = Input.safeParse(input);
  if (!parsed.success) return { ok: false, error: { code: "invalid-input", message: "inventoryId: not an id" } };
  const store = getStore();
  const inventory = resolveInventory(store, parsed.data.inventoryId);
  if (!inventory.ok) return { ok: false, error: inventory.error };
  return { ok: true, hosts: await readHostStatus(store, { inventory: inventory.value, who: session.user.userName }) };
}
