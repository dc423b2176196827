"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
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
import {
  type ConnectionCheck,
  presentedHostKey,
  storeHostPrivateKey,
  testHostConnection,
} from "@/lib/inventory/host-tools";
import { resolveInventory } from "@/lib/inventory/resolve";
import { labStatus } from "@/lib/lab/lab-status";
import type { LabStatus } from "@/lib/lab/types";
import { startLabDown, startLabUp } from "@/lib/runs/lab-run";
import type { StartedRun } from "@/lib/runs/stream";
import { DashboardHostKey } from "@/lib/secrets/dashboard-key";
import { PRIVATE_KEY_MAX_BYTES } from "@/lib/secrets/fingerprint";
import { deleteSecret } from "@/lib/secrets/vault";
import { createInventory, deleteInventory, getInventory, updateInventory } from "@/lib/store/inventories";
import { savedDesign } from "../_lib/saved-design";
import { requireUser } from "../_lib/session";
import { getStore } from "../_lib/store";

export type HostsActionError = { code: string; message: string; problems?: { path: string; message: string }[] };
export type HostsActionResult<T> = ({ ok: true } & T) | { ok: false; error: HostsActionError };

const Id = z.string().uuid();
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
    key: DashboardHostKey,
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

function invalid(error: z.ZodError): { ok: false; error: HostsActionError } {
  const first = error.issues[0];
  return {
    ok: false,
    error: {
      code: "invalid-input",
      message: `${first?.path.join(".") || "input"}: ${first?.message ?? "invalid"}`,
      problems: error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    },
  };
}

async function operator() {
  // auth: requireSession() — every action checks the caller itself (server actions are public POST endpoints).
  return requireUser("operator");
}

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
export async function createInventoryAction(input: unknown): Promise<HostsActionResult<{ id: string }>> {
  const session = await operator();
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = NameInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const created = createInventory(getStore(), { name: parsed.data.name, document: "hosts: {}\n" });
  if (!created.ok) return { ok: false, error: { code: created.error.code, message: created.error.message } };
  revalidatePath("/hosts");
  return { ok: true, id: created.value.id };
}

/** Deletes an inventory and its stored keys. */
export async function deleteInventoryAction(input: unknown): Promise<HostsActionResult<{ id: string }>> {
  const session = await operator();
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = IdInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const deleted = deleteInventory(getStore(), parsed.data.id);
  if (!deleted.ok) return { ok: false, error: { code: deleted.error.code, message: deleted.error.message } };
  revalidatePath("/hosts");
  return { ok: true, id: parsed.data.id };
}

/** The key a host presents, fetched without authenticating, for the user to compare before pinning it. */
export async function fetchHostKeyAction(input: unknown): Promise<HostsActionResult<{ key: PresentedHostKey }>> {
  const session = await operator();
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = FetchInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const fetched = await presentedHostKey(getStore(), {
    host: parsed.data.name,
    address: parsed.data.address,
    port: parsed.data.port,
    who: session.user.userName,
  });
  return fetched.ok ? { ok: true, key: fetched.value } : fetched;
}

/** Adds (or replaces) a host with the host key the user confirmed, pinned. */
export async function addHostAction(input: unknown): Promise<HostsActionResult<{ host: InventoryHostView }>> {
  const session = await operator();
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = AddInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const found = editable(parsed.data.inventoryId);
  if (!found.ok) return found;
  const edited = putInventoryHost(found.inventory, {
    name: parsed.data.name,
    address: parsed.data.address,
    port: parsed.data.port,
    user: parsed.data.user,
    key: STORED_KEY,
    hostKey: parsed.data.hostKey,
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
  const updated = updateInventory(getStore(), found.record.id, { document: serializeInventory(edited.inventory) });
  if (!updated.ok) return { ok: false, error: { code: updated.error.code, message: updated.error.message } };
  revalidatePath("/hosts");
  const view = inventoryHostViews(edited.inventory).find((host) => host.name === parsed.data.name);
  return view ? { ok: true, host: view } : { ok: false, error: { code: "invalid", message: "the host vanished" } };
}

/** Removes a host and its stored key. */
export async function removeHostAction(input: unknown): Promise<HostsActionResult<{ host: string }>> {
  const session = await operator();
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = HostInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const found = editable(parsed.data.inventoryId);
  if (!found.ok) return found;
  const store = getStore();
  const next = removeInventoryHost(found.inventory, parsed.data.host);
  const updated = updateInventory(store, found.record.id, { document: serializeInventory(next) });
  if (!updated.ok) return { ok: false, error: { code: updated.error.code, message: updated.error.message } };
  deleteSecret(store, { inventoryId: found.record.id, host: parsed.data.host, kind: "private-key" });
  revalidatePath("/hosts");
  return { ok: true, host: parsed.data.host };
}

/** Stores a host's private key encrypted; only its fingerprint comes back, ever. */
export async function uploadKeyAction(
  input: unknown,
): Promise<HostsActionResult<{ host: string; fingerprint: string }>> {
  const session = await operator();
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = KeyInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const stored = storeHostPrivateKey(getStore(), parsed.data);
  if (!stored.ok) return stored;
  revalidatePath("/hosts");
  return { ok: true, host: stored.value.host, fingerprint: stored.value.fingerprint };
}

/** Connects to a host as an apply would (pinned key, login, Docker) and reports what answered. */
export async function testConnectionAction(input: unknown): Promise<HostsActionResult<{ check: ConnectionCheck }>> {
  const session = await operator();
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = HostInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const store = getStore();
  const resolved = resolveInventory(store, parsed.data.inventoryId);
  if (!resolved.ok) return resolved;
  const checked = await testHostConnection(store, {
    inventory: resolved.value,
    host: parsed.data.host,
    who: session.user.userName,
  });
  return checked.ok ? { ok: true, check: checked.value } : checked;
}

/** The embedded lab as it is now. */
export async function labStatusAction(): Promise<HostsActionResult<{ status: LabStatus }>> {
  const session = await requireUser("viewer");
  if (!session.ok) return { ok: false, error: session.error };
  return { ok: true, status: await labStatus() };
}

/** Brings up the lab for a topology's saved version; progress at /api/runs/<id>/events. */
export async function labUpAction(input: unknown): Promise<HostsActionResult<StartedRun>> {
  const session = await operator();
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = LabUpInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const design = savedDesign(parsed.data.topologyId);
  if (!design.ok) return design;
  const started = await startLabUp(getStore(), {
    topology: design.topology,
    version: design.version,
    who: session.user.userName,
  });
  return started.ok ? { ok: true, ...started.value } : started;
}

/** Brings the lab down; progress at /api/runs/<id>/events. */
export async function labDownAction(): Promise<HostsActionResult<StartedRun>> {
  const session = await operator();
  if (!session.ok) return { ok: false, error: session.error };
  const started = startLabDown(getStore(), { who: session.user.userName });
  return started.ok ? { ok: true, ...started.value } : started;
}
