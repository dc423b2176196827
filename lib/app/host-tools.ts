import "server-only";
import { randomUUID } from "node:crypto";
import { fetchHostKey, type PresentedHostKey } from "../exec/fetch-host-key";
import { HostPool } from "../exec/hosts";
import { parseInventoryText, STORED_KEY, serializeInventory, setHostKeyRef } from "../inventory/document";
import { putSecret, type SecretInfo } from "../secrets/vault";
import { appendAudit, createAuditSink } from "../store/audit";
import { getInventory, updateInventory } from "../store/inventories";
import type { Store } from "../store/open";
import { loadSecretKey } from "../store/secret-key";
import { type Actor, forbidden } from "./actor";
import type { ResolvedInventory } from "./inventory";

export type ToolResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

function fail(code: string, error: unknown): { ok: false; error: { code: string; message: string } } {
  return { ok: false, error: { code, message: error instanceof Error ? error.message : String(error) } };
}

/**
 * The host key an SSH server presents (nothing authenticated, nothing run), for a person to compare
 * and confirm before it is pinned. The fetch is audited as an event.
 */
export async function presentedHostKey(
  store: Store,
  input: { host: string; address: string; port: number; actor: Actor },
): Promise<ToolResult<PresentedHostKey>> {
  const denied = forbidden(input.actor, "operator");
  if (denied) return { ok: false, error: denied };
  try {
    const key = await fetchHostKey({ host: input.host, address: input.address, port: input.port, timeoutMs: 5000 });
    appendAudit(store, {
      kind: "event",
      who: input.actor.name,
      host: input.host,
      hostKeyFingerprint: key.fingerprint,
      detail: `host key fetched from ${input.address}:${input.port} for confirmation (${key.keyType}); not trusted yet`,
    });
    return { ok: true, value: key };
  } catch (error) {
    return fail("unreachable", error);
  }
}

/** What a connection test found: the SSH login worked and Docker answered (and which version). */
export type ConnectionCheck = { host: string; dockerVersion: string; durationMs: number };

/**
 * Opens the host's connection as an apply would (pinned host key checked before auth, the key,
 * POSIX login shell) and asks Docker for its version over it. Audited like any connection.
 */
export async function testHostConnection(
  store: Store,
  input: { inventory: ResolvedInventory; host: string; actor: Actor },
): Promise<ToolResult<ConnectionCheck>> {
  const denied = forbidden(input.actor, "operator");
  if (denied) return { ok: false, error: denied };
  if (!input.inventory.inventory.hosts[input.host])
    return { ok: false, error: { code: "not-found", message: `no host ${input.host} in this inventory` } };
  const started = performance.now();
  const pool = new HostPool(input.inventory.inventory, {
    audit: createAuditSink(store),
    who: input.actor.name,
    runId: randomUUID(),
    baseDir: input.inventory.dir,
    credential: input.inventory.credential,
    ssh: { connectTimeoutMs: 5000 },
  });
  try {
    const connection = await pool.get(input.host);
    const info = await connection.docker.info();
    const version =
      typeof info === "object" && info !== null && "ServerVersion" in info
        ? String((info as { ServerVersion: unknown }).ServerVersion)
        : "unknown";
    return {
      ok: true,
      value: { host: input.host, dockerVersion: version, durationMs: Math.round(performance.now() - started) },
    };
  } catch (error) {
    return fail("connection-failed", error);
  } finally {
    await pool.close();
  }
}

/**
 * Stores a host's private key encrypted (lib/secrets) and points the host's `ssh.key` at it. The
 * key is validated (the SSH transport must be able to use it), never echoed back, never logged:
 * only its fingerprint is returned.
 */
export function storeHostPrivateKey(
  store: Store,
  input: { inventoryId: string; host: string; privateKey: string },
): ToolResult<Pick<SecretInfo, "host" | "fingerprint" | "updatedAt">> {
  const record = getInventory(store, input.inventoryId);
  if (!record) return { ok: false, error: { code: "not-found", message: "no such inventory" } };
  const parsed = parseInventoryText(record.document);
  if (!parsed.ok) return { ok: false, error: { code: "invalid", message: "the inventory document is not valid" } };
  if (parsed.inventory.lab)
    return {
      ok: false,
      error: { code: "read-only", message: "the lab's inventory is written by the lab; its key is the lab's own" },
    };
  if (!parsed.inventory.hosts[input.host])
    return { ok: false, error: { code: "not-found", message: `no host ${input.host} in this inventory` } };
  const key = loadSecretKey();
  if (!key.ok) return { ok: false, error: { code: "key-store", message: key.error.message } };
  const plaintext = Buffer.from(input.privateKey, "utf8");
  const stored = putSecret(store, key.value.key, {
    inventoryId: record.id,
    host: input.host,
    kind: "private-key",
    plaintext,
  });
  plaintext.fill(0);
  if (!stored.ok) return { ok: false, error: { code: stored.error.code, message: stored.error.message } };
  const edited = setHostKeyRef(parsed.inventory, input.host, STORED_KEY);
  if (!edited.ok) return { ok: false, error: { code: "invalid", message: edited.problems[0]?.message ?? "invalid" } };
  const updated = updateInventory(store, record.id, { document: serializeInventory(edited.inventory) });
  if (!updated.ok) return { ok: false, error: { code: updated.error.code, message: updated.error.message } };
  return {
    ok: true,
    value: { host: stored.value.host, fingerprint: stored.value.fingerprint, updatedAt: stored.value.updatedAt },
  };
}
