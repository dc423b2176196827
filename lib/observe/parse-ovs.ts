import type { ObservedOvsBridge } from "../plan/observed";
import { safeJson } from "./parse-links";
import { arrayOf, ipv4Of, isObject, nameOf, textOf, vlanIdOf } from "./well-formed";

/**
 * Parses the output of
 * `ovs-vsctl --format=json -- --columns=name,ports list Bridge -- --columns=_uuid,name,tag,interfaces list Port
 *  -- --columns=_uuid,name,type,options list Interface` (three JSON tables, one per line) into
 * bridges with their ports: type (`""` system port, `internal`, `vxlan`, `gre`…), VLAN tag, and
 * tunnel remote_ip/key. Sorted by bridge and port name; malformed rows are dropped.
 */
export function parseOvs(text: string): ObservedOvsBridge[] {
  const [bridgeTable, portTable, interfaceTable] = text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => rowsOf(safeJson(line)));
  if (!bridgeTable || !portTable || !interfaceTable) return [];

  const interfaces = new Map<string, { type: string; remoteIp?: string; key?: string }>();
  for (const [uuid, name, type, options] of interfaceTable) {
    const id = uuidOf(uuid);
    if (id === undefined || nameOf(name, "interface") === undefined || typeof type !== "string") continue;
    const map = mapOf(options);
    const remoteIp = ipv4Of(map.get("remote_ip"));
    const key = map.get("key");
    interfaces.set(id, {
      type: /^[a-z0-9_-]{0,32}$/.test(type) ? type : "other",
      ...(remoteIp !== undefined ? { remoteIp } : {}),
      ...(key !== undefined && /^(\d{1,10}|flow)$/.test(key) ? { key } : {}),
    });
  }

  const ports = new Map<string, ObservedOvsBridge["ports"][number]>();
  for (const [uuid, name, tag, ifaces] of portTable) {
    const id = uuidOf(uuid);
    const portName = nameOf(name, "interface");
    if (id === undefined || portName === undefined) continue;
    const iface = setOf(ifaces)
      .map(uuidOf)
      .find((i) => i !== undefined);
    const info = iface !== undefined ? interfaces.get(iface) : undefined;
    const vid = vlanIdOf(tag);
    ports.set(id, {
      name: portName,
      type: info?.type ?? "",
      ...(vid !== undefined ? { tag: vid } : {}),
      ...pick(info),
    });
  }

  const bridges: ObservedOvsBridge[] = [];
  for (const [name, portSet] of bridgeTable) {
    const bridgeName = nameOf(name, "interface");
    if (bridgeName === undefined) continue;
    const members = setOf(portSet)
      .map(uuidOf)
      .flatMap((id) => (id !== undefined && ports.has(id) ? [ports.get(id)!] : []))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    bridges.push({ name: bridgeName, ports: members });
  }
  return bridges.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function pick(info: { remoteIp?: string; key?: string } | undefined) {
  return {
    ...(info?.remoteIp !== undefined ? { remoteIp: info.remoteIp } : {}),
    ...(info?.key !== undefined ? { key: info.key } : {}),
  };
}

function rowsOf(table: unknown): unknown[][] | undefined {
  if (!isObject(table) || !Array.isArray(table.data)) return undefined;
  return table.data.filter((row): row is unknown[] => Array.isArray(row));
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
    const [k, v] = pair;
    const key = textOf(k, 64);
    const text = textOf(v, 256);
    if (key !== undefined && text !== undefined) map.set(key, text);
  }
  return map;
}
