import "server-only";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { SshTarget } from "../exec/ssh";
import { type InventoryGap, inventoryGap } from "../inventory/coverage";
import { parseInventoryText, STORED_KEY, serializeInventory } from "../inventory/document";
import type { Inventory } from "../inventory/schema";
import { DEFAULT_INVENTORY_PATH } from "../lab/lifecycle/inventory";
import { labStatus } from "../lab/lifecycle/lab-status";
import { refuseUnstoredKey } from "../secrets/dashboard-key";
import { openSecretForTransport, toSsh2Auth } from "../secrets/transport";
import { listSecrets } from "../secrets/vault";
import {
  createInventory,
  getInventory,
  getInventoryByName,
  type InventoryRecord,
  listInventories,
  updateInventory,
} from "../store/inventories";
import { inventoryAgentAllowed } from "../store/inventory-settings";
import type { Store } from "../store/open";
import { loadSecretKey } from "../store/secret-key";

/** Name under which the running lab's inventory is registered. */
export const LAB_INVENTORY_NAME = "lab";

/**
 * Where the dashboard's lab writes its inventory: `CROSSNET_LAB_INVENTORY` when set (tests keep
 * theirs apart), else the CLI's default `data/lab/inventory.yaml`, absolute.
 */
export function labInventoryPath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return resolve(env.CROSSNET_LAB_INVENTORY?.trim() || DEFAULT_INVENTORY_PATH);
}

/** An inventory ready for lib/exec: parsed, with where relative key paths resolve and its stored keys. */
export type ResolvedInventory = {
  record: InventoryRecord;
  inventory: Inventory;
  dir: string;
  /** In-memory credentials for hosts whose key was uploaded (decrypted at connect time only). */
  credential: (host: string) => SshTarget["credential"];
};

export type ResolveError = { code: "not-found" | "invalid" | "secrets"; message: string };

/**
 * A stored inventory resolved for a run on `hosts`: {@link resolveInventory}, then the one
 * "inventory lacks this host" check ({@link inventoryGap}); `fix` says how to add hosts on the caller's screen.
 */
export function resolveRunInventory(
  store: Store,
  id: string,
  hosts: Iterable<string>,
  fix: string,
): { ok: true; value: ResolvedInventory } | { ok: false; error: ResolveError | InventoryGap } {
  const resolved = resolveInventory(store, id);
  if (!resolved.ok) return resolved;
  const gap = inventoryGap(hosts, resolved.value.inventory, { where: resolved.value.record.name, fix });
  return gap ? { ok: false, error: gap } : resolved;
}

/**
 * A stored inventory, parsed and checked, with a credential lookup for uploaded keys. Relative
 * key paths resolve against the working directory (the dashboard's), as the CLI resolves them
 * against the inventory file's directory.
 */
export function resolveInventory(
  store: Store,
  id: string,
): { ok: true; value: ResolvedInventory } | { ok: false; error: ResolveError } {
  const record = getInventory(store, id);
  if (!record) return { ok: false, error: { code: "not-found", message: "no such inventory" } };
  const parsed = parseInventoryText(record.document);
  if (!parsed.ok) {
    const first = parsed.problems[0];
    return {
      ok: false,
      error: {
        code: "invalid",
        message: `inventory '${record.name}' is not valid: ${first ? `${first.path || "(top)"}: ${first.message}` : "?"}`,
      },
    };
  }
  const agentAllowed = inventoryAgentAllowed(store, record.id);
  const stored = new Set(
    listSecrets(store, record.id)
      .filter((secret) => secret.kind === "private-key")
      .map((secret) => secret.host),
  );
  const credential = (host: string): SshTarget["credential"] => {
    const key = parsed.inventory.hosts[host]?.ssh.key;
    if (key !== STORED_KEY) {
      // The lab's own inventory uses the key `lab up` generated; any other must use the key store,
      // or the ssh-agent where an admin enabled it for this one inventory.
      if (parsed.inventory.lab) return undefined;
      if (key === "agent" && agentAllowed) return undefined;
      return () => refuseUnstoredKey(host, key === "agent");
    }
    return () => {
      if (!stored.has(host)) throw new Error(`${host}: no key was uploaded for this host (Hosts & lab page)`);
      const key = loadSecretKey();
      if (!key.ok) throw new Error(`${host}: the key store is unusable: ${key.error.message}`);
      const opened = openSecretForTransport(store, key.value.key, {
        inventoryId: record.id,
        host,
        kind: "private-key",
      });
      if (!opened.ok) throw new Error(`${host}: ${opened.error.message}`);
      return toSsh2Auth(opened.value);
    };
  };
  return { ok: true, value: { record, inventory: parsed.inventory, dir: process.cwd(), credential } };
}

export type LabRegistration =
  | { status: "registered" | "updated" | "unchanged"; id: string }
  | { status: "none" }
  | { status: "skipped"; reason: string };

/**
 * Registers the lab's inventory as the stored inventory `lab` (created, or its document replaced:
 * host keys change at every bring-up). Reads the running lab's inventory file, else
 * {@link labInventoryPath} when present. An inventory named `lab` that no lab wrote is left alone.
 */
export async function registerLabInventory(store: Store): Promise<LabRegistration> {
  const status = await labStatus().catch(() => null);
  const candidates = [status && status.state !== "down" ? status.inventoryPath : null, labInventoryPath()].filter(
    (path): path is string => Boolean(path),
  );
  const path = candidates.find((candidate) => existsSync(candidate));
  if (!path) return { status: "none" };
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    return { status: "skipped", reason: `cannot read ${path}: ${(error as Error).message}` };
  }
  const parsed = parseInventoryText(text);
  if (!parsed.ok || !parsed.inventory.lab) return { status: "skipped", reason: `${path} is not a lab inventory` };
  const document = serializeInventory(parsed.inventory);
  const existing = getInventoryByName(store, LAB_INVENTORY_NAME);
  if (!existing) {
    const created = createInventory(store, { name: LAB_INVENTORY_NAME, document });
    return created.ok
      ? { status: "registered", id: created.value.id }
      : { status: "skipped", reason: created.error.message };
  }
  const current = parseInventoryText(existing.document);
  if (!current.ok || !current.inventory.lab)
    return { status: "skipped", reason: `an inventory named '${LAB_INVENTORY_NAME}' exists and no lab wrote it` };
  if (existing.document === document) return { status: "unchanged", id: existing.id };
  const updated = updateInventory(store, existing.id, { document });
  return updated.ok ? { status: "updated", id: existing.id } : { status: "skipped", reason: updated.error.message };
}

/** Inventories for a picker: id, name, host names, and whether the lab wrote it. */
export type InventoryChoice = { id: string; name: string; hosts: string[]; lab: boolean; problem: string | null };

export function inventoryChoices(store: Store): InventoryChoice[] {
  return listInventories(store).map((summary) => {
    const record = getInventory(store, summary.id);
    const parsed = record ? parseInventoryText(record.document) : null;
    return {
      id: summary.id,
      name: summary.name,
      hosts: parsed?.ok ? Object.keys(parsed.inventory.hosts).sort() : [],
      lab: parsed?.ok ? Boolean(parsed.inventory.lab) : false,
      problem: parsed && !parsed.ok ? (parsed.problems[0]?.message ?? "invalid") : null,
    };
  });
}
