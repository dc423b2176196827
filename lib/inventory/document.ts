import { parse, stringify } from "yaml";
import { type Inventory, type InventoryHost, InventoryHostSchema, InventorySchema } from "./schema";

/**
 * `ssh.key` of a host whose private key was uploaded to the dashboard: the key is stored encrypted
 * (lib/secrets) and handed to the SSH transport in memory; the inventory document only says so.
 */
export const STORED_KEY = "crossnet:stored";

/** Largest inventory text parsed (bytes), as the store's limit. */
export const INVENTORY_TEXT_MAX_BYTES = 256 * 1024;

export type InventoryProblem = { path: string; message: string };

export type InventoryParse = { ok: true; inventory: Inventory } | { ok: false; problems: InventoryProblem[] };

/** Reads an inventory document (YAML or JSON): size-limited, no aliases, checked against the schema. Pure. */
export function parseInventoryText(text: string): InventoryParse {
  if (new TextEncoder().encode(text).length > INVENTORY_TEXT_MAX_BYTES)
    return { ok: false, problems: [{ path: "", message: `larger than ${INVENTORY_TEXT_MAX_BYTES} bytes` }] };
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 0, uniqueKeys: true });
  } catch (error) {
    return {
      ok: false,
      problems: [{ path: "", message: `not valid YAML: ${(error as Error).message.split("\n")[0]}` }],
    };
  }
  const parsed = InventorySchema.safeParse(data ?? { hosts: {} });
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    };
  return { ok: true, inventory: parsed.data };
}

/** The document text of an inventory, hosts sorted by name (stable diffs). */
export function serializeInventory(inventory: Inventory): string {
  const hosts = Object.fromEntries(Object.entries(inventory.hosts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return stringify({ ...(inventory.lab ? { lab: inventory.lab } : {}), hosts }, { lineWidth: 0 });
}

export type HostInput = {
  name: string;
  address: string;
  port: number;
  user: string;
  /** A key file path on the dashboard's machine, `agent`, or {@link STORED_KEY}. */
  key: string;
  /** The fingerprint the user confirmed (fetched from the host, then pinned). */
  hostKey: string;
};

export type InventoryEdit = { ok: true; inventory: Inventory } | { ok: false; problems: InventoryProblem[] };

/** Adds or replaces one host, checked against the schema (Docker over SSH). Pure. */
export function putInventoryHost(inventory: Inventory, input: HostInput): InventoryEdit {
  const name = InventorySchema.shape.hosts.keyType.safeParse(input.name);
  const entry = InventoryHostSchema.safeParse({
    address: input.address,
    ssh: { port: input.port, user: input.user, key: input.key, hostKey: input.hostKey },
    docker: inventory.hosts[input.name]?.docker ?? { endpoint: "ssh" },
  });
  const problems: InventoryProblem[] = [
    ...(name.success ? [] : name.error.issues.map((issue) => ({ path: "name", message: issue.message }))),
    ...(entry.success
      ? []
      : entry.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }))),
  ];
  if (!name.success || !entry.success) return { ok: false, problems };
  return { ok: true, inventory: { ...inventory, hosts: { ...inventory.hosts, [name.data]: entry.data } } };
}

/** The inventory without `host`. */
export function removeInventoryHost(inventory: Inventory, host: string): Inventory {
  const hosts = { ...inventory.hosts };
  delete hosts[host];
  return { ...inventory, hosts };
}

/** The inventory with `host`'s key set to `key` (e.g. {@link STORED_KEY} after an upload). */
export function setHostKeyRef(inventory: Inventory, host: string, key: string): InventoryEdit {
  const entry = inventory.hosts[host];
  if (!entry) return { ok: false, problems: [{ path: "host", message: `no host ${host} in this inventory` }] };
  const next: InventoryHost = { ...entry, ssh: { ...entry.ssh, key } };
  return { ok: true, inventory: { ...inventory, hosts: { ...inventory.hosts, [host]: next } } };
}

/** One host as the browser shows it: how it is reached, never a secret (a stored key is only named). */
export type InventoryHostView = {
  name: string;
  address: string;
  port: number;
  user: string;
  /** `stored` (uploaded, encrypted), `agent`, or the key file path. */
  key: { kind: "stored" } | { kind: "agent" } | { kind: "file"; path: string };
  hostKey: string;
  docker: string;
};

/** The hosts of an inventory for display, sorted by name. */
export function inventoryHostViews(inventory: Inventory): InventoryHostView[] {
  return Object.entries(inventory.hosts)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, host]) => ({
      name,
      address: host.address,
      port: host.ssh.port,
      user: host.ssh.user,
      key:
        host.ssh.key === STORED_KEY
          ? { kind: "stored" as const }
          : host.ssh.key === "agent"
            ? { kind: "agent" as const }
            : { kind: "file" as const, path: host.ssh.key },
      hostKey: host.ssh.hostKey,
      docker: host.docker.endpoint === "ssh" ? "over SSH" : host.docker.endpoint,
    }));
}
