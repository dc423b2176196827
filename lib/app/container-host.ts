import "server-only";
import { randomUUID } from "node:crypto";
import { HostPool } from "../exec/hosts";
import { createAuditSink } from "../store/audit";
import type { Store } from "../store/open";
import type { Topology } from "../topology/schema";
import { designContainerHost } from "../views/container-hands";
import { type Actor, forbidden } from "./actor";
import type { ResolvedInventory } from "./inventory";

/** Why an operation on one container did not run or did not work. */
export type HandsError = {
  code: "forbidden" | "not-in-design" | "connection-failed" | "command-failed" | "too-many" | "not-found";
  message: string;
};

/** What every container operation is given: the saved design, the inventory, the container, who asks. */
export type ContainerTarget = { topology: Topology; inventory: ResolvedInventory; container: string; actor: Actor };

/** A verified connection to the host of one design container, with its pool to close. */
export type ContainerHost = {
  host: string;
  pool: HostPool;
  connection: Awaited<ReturnType<HostPool["get"]>>;
  runId: string;
};

/**
 * Checks the operator role and that the container is one of the design's, then connects to its host
 * (pinned host key, every command audited under one run id). The caller closes `pool`.
 */
export async function connectContainerHost(
  store: Store,
  input: ContainerTarget,
): Promise<{ ok: true; value: ContainerHost } | { ok: false; error: HandsError }> {
  const denied = forbidden(input.actor, "operator");
  if (denied) return { ok: false, error: denied };
  const found = designContainerHost(input.topology, input.container);
  if (!found.ok) return { ok: false, error: { code: "not-in-design", message: found.message } };
  const runId = randomUUID();
  const pool = new HostPool(input.inventory.inventory, {
    audit: createAuditSink(store),
    who: input.actor.name,
    runId,
    baseDir: input.inventory.dir,
    credential: input.inventory.credential,
    ssh: { connectTimeoutMs: 5000 },
  });
  try {
    const connection = await pool.get(found.host);
    return { ok: true, value: { host: found.host, pool, connection, runId } };
  } catch (error) {
    await pool.close();
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: "connection-failed", message: `${found.host}: ${message}` } };
  }
}
