import "server-only";
import type { ObservedLink, ObservedOvsBridge } from "../plan/observed";
import { arrayOf, interfaceAddressOf, isObject, nameOf, stringOf, vlanIdOf } from "./well-formed";

const KINDS: Record<string, ObservedLink["kind"]> = {
  vlan: "vlan",
  bridge: "bridge",
  veth: "veth",
  vxlan: "vxlan",
  macvlan: "macvlan",
  openvswitch: "ovs-internal",
};

/**
 * Builds the host's links from `ip -j -d link show` and `ip -j -4 addr show`. OVS internal ports
 * (in userspace OVS they are tun devices) become `ovs-internal`; a tagged one gets its VLAN id
 * and, as parent, its bridge's trunk port: that is how the lab stands in for `ens33.10`.
 * Links with names Crossnet could not have written are dropped. Sorted by name.
 */
export function parseLinks(linkJson: string, addrJson: string, ovs: ObservedOvsBridge[] = []): ObservedLink[] {
  const addresses = parseAddresses(addrJson);
  const ovsPorts = ovsInternalPorts(ovs);
  const links: ObservedLink[] = [];
  for (const raw of arrayOf(safeJson(linkJson))) {
    if (!isObject(raw)) continue;
    const name = nameOf(raw.ifname, "interface");
    if (name === undefined) continue;
    const flags = arrayOf(raw.flags).filter((flag): flag is string => typeof flag === "string");
    const info = isObject(raw.linkinfo) ? raw.linkinfo : {};
    const infoKind = stringOf(info.info_kind);
    const data = isObject(info.info_data) ? info.info_data : {};
    const link: ObservedLink = {
      name,
      kind: "other",
      promisc: flags.includes("PROMISC"),
      up: flags.includes("UP"),
      addresses: addresses.get(name) ?? [],
    };
    const ovsPort = ovsPorts.get(name);
    if (ovsPort && (infoKind === "tun" || infoKind === "openvswitch")) {
      link.kind = "ovs-internal";
      if (ovsPort.vid !== undefined) link.vid = ovsPort.vid;
      if (ovsPort.parent !== undefined) link.parent = ovsPort.parent;
    } else if (infoKind === undefined) {
      link.kind = raw.link_type === "ether" ? "physical" : "other";
    } else {
      link.kind = KINDS[infoKind] ?? "other";
    }
    if (link.kind === "vlan") {
      const parent = nameOf(raw.link, "interface");
      const vid = vlanIdOf(data.id);
      if (parent !== undefined) link.parent = parent;
      if (vid !== undefined) link.vid = vid;
    }
    if (link.kind === "macvlan") {
      const parent = nameOf(raw.link, "interface");
      if (parent !== undefined) link.parent = parent;
    }
    // Only Crossnet's own label is kept: an alias is free text a host could fill with anything.
    if (typeof raw.ifalias === "string" && /^crossnet\.topology=[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/.test(raw.ifalias))
      link.alias = raw.ifalias;
    links.push(link);
  }
  return links.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Interface name → its IPv4 addresses in CIDR form (interface address, host bits kept), sorted. */
export function parseAddresses(addrJson: string): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const raw of arrayOf(safeJson(addrJson))) {
    if (!isObject(raw)) continue;
    const name = nameOf(raw.ifname, "interface");
    if (name === undefined) continue;
    const list: string[] = [];
    for (const info of arrayOf(raw.addr_info)) {
      if (!isObject(info) || info.family !== "inet") continue;
      const cidr = interfaceAddressOf(info.local, info.prefixlen);
      if (cidr !== undefined) list.push(cidr);
    }
    byName.set(name, list.sort());
  }
  return byName;
}

/**
 * OVS internal ports by name, with their VLAN tag and the bridge's trunk: the one port of the
 * bridge that is neither internal nor tagged nor a tunnel (e.g. `ens33` on the lab's `br-ens33`).
 */
function ovsInternalPorts(bridges: ObservedOvsBridge[]): Map<string, { vid?: number; parent?: string }> {
  const ports = new Map<string, { vid?: number; parent?: string }>();
  for (const bridge of bridges) {
    const trunks = bridge.ports.filter(
      (port) => port.type === "" && port.tag === undefined && port.name !== bridge.name,
    );
    const parent = trunks.length === 1 ? trunks[0]?.name : undefined;
    for (const port of bridge.ports) {
      if (port.type !== "internal") continue;
      ports.set(port.name, {
        ...(port.tag !== undefined ? { vid: port.tag } : {}),
        ...(port.tag !== undefined && parent !== undefined ? { parent } : {}),
      });
    }
  }
  return ports;
}

/** JSON.parse that yields undefined for malformed input (a host's output is untrusted). */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
