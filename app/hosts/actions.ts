"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ConnectionCheck, presentedHostKey, storeHostPrivateKey, testHostConnection } from "@/lib/app/host-tools";
import { resolveInventory } from "@/lib/app/inventory";
import { startLabDown, startLabUp } from "@/lib/app/lab-lifecycle";
import type { PresentedHostKey } from "@/lib/exec/fetch-host-key";
import {
  type InventoryHostView,
  inventoryHostViews,
  parseInventoryText,
  putInventoryHost,
  removeInventoryHost,
  STORED_KEY,
  serializeInventory,
} from "@/lib/inventory/document";
import { labStatus } from "@/lib/lab/lifecycle/lab-status";
import type { LabStatus } from "@/lib/lab/types";
import type { StartedRun } from "@/lib/runs/stream";
import { DashboardHostKeyChoice, keyChoiceRefusal } from "@/lib/secrets/dashboard-key";
import { PRIVATE_KEY_MAX_BYTES } from "@/lib/secrets/fingerprint";
import { deleteSecret } from "@/lib/secrets/vault";
import { createInventory, deleteInventory, getInventory, updateInventory } from "@/lib/store/inventories";
import { setInventoryAccess } from "@/lib/store/inventory-grants";
import { inventoryAgentAllowed, setInventoryAgent } from "@/lib/store/inventory-settings";
import { type ActionResult, defineAction } from "../_lib/action";
import { RecordId as Id } from "../_lib/inputs";
import { savedDesign } from "../_lib/saved-design";
import { getStore } from "../_lib/store";

const HostName = z.string().min(1).max(63);
const Address = z.ipv4({ message: "must be an IPv4 address such as 192.168.0.53" });
const Port = z.number().int().min(1).max(65535);
const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

const NameInput = z.object({ name: z.string().min(1).max(128) }).strict();
const IdInput = z.object({ id: Id }).strict();
const FetchInput = z.object({ name: HostName, address: Address, port: Port }).strict();
const AddInput = z
  .object({
    inventoryId: Id,
    name: HostName,
    address: Address,
    port: Port,
    user: z.string().min(1).max(32),
    key: DashboardHostKeyChoice,
    hostKey: z.string().regex(FINGERPRINT, "fetch the host key and confirm it first"),
    confirmed: z.literal(true, { message: "confirm the host key fingerprint first" }),
  })
  .strict();
const HostInput = z.object({ inventoryId: Id, host: HostName }).strict();
const KeyInput = z
  .object({
    inventoryId: Id,
    host: HostName,
    privateKey: z.string().min(1).max(PRIVATE_KEY_MAX_BYTES, "a private key is at most 64 KiB"),
  })
  .strict();
const LabUpInput = z.object({ topologyId: Id }).strict();

/** A stored inventory that the dashboard may edit (not the lab's, which the lab rewrites). */
function editable(id: string) {
  const record = getInventory(getStore(), id);
  if (!record) return { ok: false as const, error: { code: "not-found", message: "no such inventory" } };
  const parsed = parseInventoryText(record.document);
  if (!parsed.ok)
    return { ok: false as const, error: { code: "invalid", message: "the stored inventory is not valid" } };
  if (parsed.inventory.lab)
    return {
      ok: false as const,
      error: { code: "read-only", message: "the lab's inventory is written by `lab up`: bring up another lab instead" },
    };
  return { ok: true as const, record, inventory: parsed.inventory };
}

/** A new, empty inventory (hosts are added one by one, each with its confirmed host key). */
export const createInventoryAction = defineAction(
  NameInput,
  "operator",
  async (input, { store }): Promise<ActionResult<{ id: string }>> => {
    const created = createInventory(store, { name: input.name, document: "hosts: {}\n" });
    if (!created.ok) return { ok: false, error: { code: created.error.code, message: created.error.message } };
    revalidatePath("/hosts");
    return { ok: true, id: created.value.id };
  },
);

/** Deletes an inventory and its stored keys. */
export const deleteInventoryAction = defineAction(
  IdInput,
  "operator",
  async (input, { store }): Promise<ActionResult<{ id: string }>> => {
    const deleted = deleteInventory(store, input.id);
    if (!deleted.ok) return { ok: false, error: { code: deleted.error.code, message: deleted.error.message } };
    revalidatePath("/hosts");
    return { ok: true, id: input.id };
  },
);

/** The key a host presents, fetched without authenticating, for the user to compare before pinning it. */
export const fetchHostKeyAction = defineAction(
  FetchInput,
  "operator",
  async (input, { actor, store }): Promise<ActionResult<{ key: PresentedHostKey }>> => {
    const fetched = await presentedHostKey(store, {
      host: input.name,
      address: input.address,
      port: input.port,
      actor,
    });
    return fetched.ok ? { ok: true, key: fetched.value } : fetched;
  },
);

/** Adds (or replaces) a host with the host key the user confirmed, pinned. */
export const addHostAction = defineAction(
  AddInput,
  "operator",
  async (input, { store }): Promise<ActionResult<{ host: InventoryHostView }>> => {
    const found = editable(input.inventoryId);
    if (!found.ok) return found;
    const refusal = keyChoiceRefusal(input.key, inventoryAgentAllowed(store, found.record.id));
    if (refusal) return { ok: false, error: { code: "agent-off", message: refusal } };
    const edited = putInventoryHost(found.inventory, {
      name: input.name,
      address: input.address,
      port: input.port,
      user: input.user,
      key: input.key.kind === "agent" ? "agent" : STORED_KEY,
      hostKey: input.hostKey,
    });
    if (!edited.ok)
      return {
        ok: false,
        error: {
          code: "invalid-host",
          message: edited.problems.map((p) => `${p.path}: ${p.message}`).join("; "),
          problems: edited.problems,
        },
      };
    const updated = updateInventory(store, found.record.id, { document: serializeInventory(edited.inventory) });
    if (!updated.ok) return { ok: false, error: { code: updated.error.code, message: updated.error.message } };
    revalidatePath("/hosts");
    const view = inventoryHostViews(edited.inventory).find((host) => host.name === input.name);
    return view ? { ok: true, host: view } : { ok: false, error: { code: "invalid", message: "the host vanished" } };
  },
);

const AgentInput = z.object({ inventoryId: Id, allowed: z.boolean() }).strict();

/**
 * Lets the hosts of one dashboard inventory use the dashboard machine's ssh-agent, or stops it: an
 * admin's decision, per inventory (the agent lends every key the dashboard's user holds).
 */
export const setInventoryAgentAction = defineAction(
  AgentInput,
  "admin",
  async (input, { session, store }): Promise<ActionResult<{ allowed: boolean }>> => {
    const set = setInventoryAgent(store, input.inventoryId, input.allowed, session.userName);
    if (!set.ok) return { ok: false, error: set.error };
    revalidatePath("/hosts");
    return { ok: true, allowed: set.value.allowed };
  },
);

const AccessInput = z
  .object({
    inventoryId: Id,
    userName: z.string().min(1, "name a user").max(128),
    access: z.enum(["read", "apply"]).nullable(),
  })
  .strict();

/**
 * Limits a user to reading one inventory (`read`), lets them act there as their role allows
 * (`apply`), or clears the grant (`null`: the role decides): an admin's decision, per inventory.
 */
export const setInventoryAccessAction = defineAction(
  AccessInput,
  "admin",
  async (input, { session, store }): Promise<ActionResult<{ userName: string }>> => {
    const set = setInventoryAccess(store, { ...input, who: session.userName });
    if (!set.ok) return { ok: false, error: set.error };
    revalidatePath("/hosts");
    return { ok: true, userName: set.value.userName };
  },
);

/** Removes a host and its stored key. */
export const removeHostAction = defineAction(
  HostInput,
  "operator",
  async (input, { store }): Promise<ActionResult<{ host: string }>> => {
    const found = editable(input.inventoryId);
    if (!found.ok) return found;
    const next = removeInventoryHost(found.inventory, input.host);
    const updated = updateInventory(store, found.record.id, { document: serializeInventory(next) });
    if (!updated.ok) return { ok: false, error: { code: updated.error.code, message: updated.error.message } };
    deleteSecret(store, { inventoryId: found.record.id, host: input.host, kind: "private-key" });
    revalidatePath("/hosts");
    return { ok: true, host: input.host };
  },
);

/** Stores a host's private key encrypted; only its fingerprint comes back, ever. */
export const uploadKeyAction = defineAction(
  KeyInput,
  "operator",
  async (input, { store }): Promise<ActionResult<{ host: string; fingerprint: string }>> => {
    const stored = storeHostPrivateKey(store, input);
    if (!stored.ok) return stored;
    revalidatePath("/hosts");
    return { ok: true, host: stored.value.host, fingerprint: stored.value.fingerprint };
  },
);

/** Connects to a host as an apply would (pinned key, login, Docker) and reports what answered. */
export const testConnectionAction = defineAction(
  HostInput,
  "operator",
  async (input, { actor, store }): Promise<ActionResult<{ check: ConnectionCheck }>> => {
    const resolved = resolveInventory(store, input.inventoryId);
    if (!resolved.ok) return resolved;
    const checked = await testHostConnection(store, {
      inventory: resolved.value,
      host: input.host,
      actor,
    });
    return checked.ok ? { ok: true, check: checked.value } : checked;
  },
);

/** The embedded lab as it is now. */
export const labStatusAction = defineAction(
  z.undefined(),
  "viewer",
  async (): Promise<ActionResult<{ status: LabStatus }>> => ({ ok: true, status: await labStatus() }),
);

/** Brings up the lab for a topology's saved version; progress at /api/runs/<id>/events. */
export const labUpAction = defineAction(
  LabUpInput,
  "operator",
  async (input, { actor, store }): Promise<ActionResult<StartedRun>> => {
    const design = savedDesign(input.topologyId);
    if (!design.ok) return design;
    const started = await startLabUp(store, {
      topology: design.topology,
      version: design.version,
      actor,
    });
    return started.ok ? { ok: true, ...started.value } : started;
  },
);

/** Brings the lab down; progress at /api/runs/<id>/events. */
export const labDownAction = defineAction(
  z.undefined(),
  "operator",
  async (_input, { actor, store }): Promise<ActionResult<StartedRun>> => {
    const started = startLabDown(store, { actor });
    return started.ok ? { ok: true, ...started.value } : started;
  },
);
