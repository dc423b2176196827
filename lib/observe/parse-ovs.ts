import "server-only";
import type { ObservedOvsBridge } from "../plan/observed";
import { safeJson } from "./parse-links";
import { arrayOf, ipv4Of, isObject, nameOf, textOf, vlanIdOf } from "./well-formed";

type Port = ObservedOvsBridge["ports"][number];
type Row = (column: string) => unknown;

/**
 * Parses the output of
 * `ovs-vsctl --format=json -- --columns=name,ports list Bridge -- --columns=_uuid,name,tag,interfaces list Port
 *  -- --columns=_uuid,name,type,options,external_ids list Interface` (three JSON tables, one per line)
 * into bridges with their ports: type (`""` system port, `internal`, `vxlan`, `gre`…), VLAN tag,
 * tunnel remote_ip/key, and the container an `ovs-docker add-port` plugged in (its
 * `external_ids:container_id`). Columns are found by heading. Sorted by bridge and port name;
 * malformed rows are dropped.
 */
export function parseOvs(text: string): ObservedOvsBridge[] {
  const [bridgeTable, portTable, interfaceTable] = text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => tableOf(safeJson(line)));
  if (!bridgeTable || !portTable || !interfaceTable) return [];

  const interfaces = new Map<string, Omit<Port, "name" | "tag">>();
  for (const row of interfaceTable) {
    const id = uuidOf(row("_uuid"));
    const type = row("type");
    if (id === undefined || nameOf(row("name"), "interface") === undefined || typeof type !== "string") continue;
    const options = mapOf(row("options"));
    const remoteIp = ipv4Of(options.get("remote_ip"));
    const key = options.get("key");
    const container = nameOf(mapOf(row("external_ids")).get("container_id"), "container");
    interfaces.set(id, {
      type: /^[a-z0-9_-]{0,32}$/.test(type) ? type : "other",
      ...(remoteIp !== undefined ? { remoteIp } : {}),
      ...(key !== undefined && /^(\d{1,10}|flow)$/.test(key) ? { key } : {}),
      ...(container !== undefined ? { container } : {}),
    });
  }

  const ports = new Map<string, Port>();
  for (const row of portTable) {
    const id = uuidOf(row("_uuid"));
    const name = nameOf(row("name"), "interface");
    if (id === undefined || name === undefined) continue;
    const iface = setOf(row("interfaces"))
      .map(uuidOf)
      .find((uuid) => uuid !== undefined);
    const { type = "", ...info } = (iface !== undefined ? interfaces.get(iface) : undefined) ?? {};
    const tag = vlanIdOf(row("tag"));
    ports.set(id, { name, type, ...(tag !== undefined ? { tag } : {}), ...info });
  }

  const bridges: ObservedOvsBridge[] = [];
  for (const row of bridgeTable) {
    const name = nameOf(row("name"), "interface");
    if (name === undefined) continue;
    const members = setOf(row("ports"))
      .map(uuidOf)
      .flatMap((id) => (id !== undefined && ports.has(id) ? [ports.get(id)!] : []))
      .sort(byName);
    bridges.push({ name, ports: members });
  }
  return bridges.sort(byName);
}

function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** An ovs-vsctl JSON table as rows whose cells are looked up by column heading. */
function tableOf(table: unknown): Row[] | undefined {
  if (!isObject(table) || !Array.isArray(table.data) || !Array.isArray(table.headings)) return undefined;
  const headings: unknown[] = table.headings;
  return table.data
    .filter((row): row is unknown[] => Array.isArray(row))
    .map((row) => (column: string) => {
      const index = headings.indexOf(column);
      return index < 0 ? undefined : row[index];
    });
}

/** OVSDB `["uuid","…"]` → the uuid. */
function uuidOf(value: unknown): string | undefined {
  if (!Array.isArray(value) || value[0] !== "uuid" || typeof value[1] !== "string") return undefined;
  return /^[0-9a-f-]{36}$/.test(value[1]) ? value[1] : undefined;
}

/** OVSDB set: `["set",[…]]`, or a single atom standing for a one-element set. */
function setOf(value: unknown): unknown[] {
  if (Array.isArray(value) && value[0] === "set") return arrayOf(value[1]);
  return value === undefined ? [] : [value];
}

/** OVSDB map `["map",[[k,v],…]]` of printable strings. */
function mapOf(value: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (!Array.isArray(value) || value[0] !== "map") return map;
  for (const pair of arrayOf(value[1])) {
    if (!Array.isArray(pair)) continue;
    const key = textOf(pair[0], 64);
    const text = textOf(pair[1], 256);
    if (key !== undefined && text !== undefined) map.set(key, text);
  }
  return map;
}
