import "server-only";
import { randomUUID } from "node:crypto";
import { HostPool } from "../exec/hosts";
import { LABEL_KEY } from "../plan/commands";
import { createAuditSink } from "../store/audit";
import type { Store } from "../store/open";
import { safeText } from "../text/safe-text";
import { nameProblem } from "../topology/names";
import { type Actor, assertAllowed } from "./actor";
import type { ResolvedInventory } from "./inventory";

/** Longest name or label shown for one item: hosts may report anything, at any length. */
const SHOWN_MAX = 200;

/** One Docker network or container as its host reports it, for display only (never planned on). */
export type HostItem = {
  kind: "network" | "container";
  /** Docker's id for it (bounded text), to tell items apart. */
  id: string;
  /** The name as the host reports it, bounded; control characters escaped. Rendered as text. */
  name: string;
  /** A name Crossnet could have written; others are ignored by observe and planning. */
  accepted: boolean;
  /** The `crossnet.topology` label, when set (bounded, escaped like the name). */
  topology: string | null;
  /** Driver (networks) or state (containers), bounded. */
  detail: string;
};

export type HostStatus = { host: string; ok: true; items: HostItem[] } | { host: string; ok: false; error: string };

/** Untrusted host text as shown text: at most {@link SHOWN_MAX} characters, control characters as `\u….`. */
export function shownText(value: unknown): string {
  const text = typeof value === "string" ? value : value === undefined || value === null ? "" : String(value);
  return safeText(text, { max: SHOWN_MAX + 1 });
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Docker's network and container lists reshaped into items, sorted by kind then name. Pure. */
export function hostItems(networks: unknown, containers: unknown): HostItem[] {
  const items: HostItem[] = [];
  for (const raw of Array.isArray(networks) ? networks : []) {
    const network = record(raw);
    const name = typeof network.Name === "string" ? network.Name : "";
    items.push({
      kind: "network",
      id: shownText(network.Id),
      name: shownText(name),
      accepted: nameProblem(name, "network") === undefined,
      topology: LABEL_KEY in record(network.Labels) ? shownText(record(network.Labels)[LABEL_KEY]) : null,
      detail: shownText(network.Driver),
    });
  }
  for (const raw of Array.isArray(containers) ? containers : []) {
    const container = record(raw);
    const first = Array.isArray(container.Names) ? container.Names[0] : undefined;
    const name = typeof first === "string" ? first.replace(/^\//, "") : "";
    items.push({
      kind: "container",
      id: shownText(container.Id),
      name: shownText(name),
      accepted: nameProblem(name, "container") === undefined,
      topology: LABEL_KEY in record(container.Labels) ? shownText(record(container.Labels)[LABEL_KEY]) : null,
      detail: shownText(container.State),
    });
  }
  return items.sort((a, b) => (a.kind === b.kind ? (a.name < b.name ? -1 : 1) : a.kind === "network" ? -1 : 1));
}

/**
 * What Docker on each host of an inventory reports: every network and container, including those
 * Crossnet ignores because their names are not ones it could have written (a host may be
 * compromised, or edited by hand). Read-only API calls over each host's pinned SSH connection,
 * audited like any other.
 */
export async function readHostStatus(
  store: Store,
  input: { inventory: ResolvedInventory; actor: Actor },
): Promise<HostStatus[]> {
  assertAllowed(input.actor, "operator");
  const pool = new HostPool(input.inventory.inventory, {
    audit: createAuditSink(store),
    who: input.actor.name,
    runId: randomUUID(),
    baseDir: input.inventory.dir,
    credential: input.inventory.credential,
    ssh: { connectTimeoutMs: 5000 },
  });
  try {
    const hosts = Object.keys(input.inventory.inventory.hosts).sort();
    return await Promise.all(
      hosts.map(async (host): Promise<HostStatus> => {
        try {
          const connection = await pool.get(host);
          const [networks, containers] = await Promise.all([
            connection.docker.listNetworks(),
            connection.docker.listContainers(),
          ]);
          return { host, ok: true, items: hostItems(networks, containers) };
        } catch (error) {
          return { host, ok: false, error: shownText(error instanceof Error ? error.message : String(error)) };
        }
      }),
    );
  } finally {
    await pool.close();
  }
}
