import type { Issue, IssuePath } from "./issues";
import { type Topology, TopologySchema } from "./schema";

/**
 * A structurally valid design made from invalid data by dropping what the schema refuses (a value,
 * then its parent if needed). Only used to find the semantic problems of a design that also has
 * structural ones, so that the user sees every problem at once. Returns the dropped paths.
 */
export function bestEffortTopology(data: unknown): { topology?: Topology; dropped: IssuePath[] } {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return { dropped: [] };
  const current = structuredClone(data) as Record<string, unknown>;
  const dropped: IssuePath[] = [];
  const seen = new Set<string>();
  for (let round = 0; round < 8; round++) {
    const parsed = TopologySchema.safeParse(current);
    if (parsed.success) return { topology: parsed.data, dropped };
    for (const issue of parsed.error.issues) {
      const base = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
      const paths = issue.code === "unrecognized_keys" ? issue.keys.map((key) => [...base, key]) : [base];
      for (let path of paths) {
        while (seen.has(JSON.stringify(path)) && path.length > 2) path = path.slice(0, -1);
        seen.add(JSON.stringify(path));
        dropped.push(path);
        if (path.length <= 1) {
          const field = String(path[0] ?? "");
          if (field === "name") current.name = "unnamed";
          else if (field === "hosts") current.hosts = {};
          else if (field) delete current[field];
          else return { dropped };
        } else remove(current, path);
      }
    }
  }
  return { dropped };
}

function remove(root: Record<string, unknown>, path: IssuePath): void {
  let node: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== "object" || node === null) return;
    node = (node as Record<string, unknown>)[String(key)];
  }
  if (typeof node === "object" && node !== null)
    delete (node as Record<string, unknown>)[String(path[path.length - 1])];
}

/** True when `path` lies at or under one of `roots`. */
export function isUnder(path: IssuePath, roots: IssuePath[]): boolean {
  return roots.some(
    (root) => root.length <= path.length && root.every((part, index) => String(part) === String(path[index])),
  );
}

/**
 * True for a "not defined" issue (unknown-network, unknown-host, kv-host-unknown) about a network or host
 * that the file does define but that was dropped for its own errors, which are already reported:
 * saying "network 'x' is not in networks" there would be false.
 */
export function refersToDropped(issue: Issue, topology: Topology, data: unknown): boolean {
  const [section, name, field, key] = issue.path.map(String);
  const defined = (group: "hosts" | "networks", entry: string | undefined) => {
    const map = typeof data === "object" && data !== null ? (data as Record<string, unknown>)[group] : undefined;
    return entry !== undefined && typeof map === "object" && map !== null && Object.hasOwn(map, entry);
  };
  if (issue.code === "unknown-network") return section === "containers" && defined("networks", key);
  if (issue.code === "unknown-host") {
    if (section === "containers" && name !== undefined) return defined("hosts", topology.containers?.[name]?.host);
    return section === "networks" && defined("hosts", key);
  }
  if (issue.code === "kv-host-unknown" && name !== undefined && field === "control") {
    const network = topology.networks?.[name];
    const kv = network?.driver === "overlay" && typeof network.control === "object" ? network.control.kv : "";
    return defined("hosts", kv.replace(/^[a-z]+:\/\//, "").replace(/:[0-9]+$/, ""));
  }
  return false;
}
