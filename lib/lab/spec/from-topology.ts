import "server-only";
import { addressOf } from "../../topology/ip";
import { entries, interfacesOf, kvOf, networkHosts, primaryAddress, underlayPath } from "../../topology/model";
import type { Topology } from "../../topology/schema";
import { LabError } from "../errors";
import { type EngineChoice, withEngines } from "./engines";
import type { LabHostSpec, LabKvSpec, LabSpec } from "./spec";

const KV_URL = /^(etcd|consul):\/\/([^:/]+):(\d{1,5})$/;
const ETCD_PORT = 2379;

/** A lab name from a design name: lowercase, `[a-z0-9-]`, at most 63 characters. */
export function labNameOf(topologyName: string): string {
  const name = topologyName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
  return name || "lab";
}

/**
 * The lab for a (parsed, valid) design: one host per design host with its NICs, addresses,
 * promiscuous flags and VLANs. A KV-store overlay (`control: { kv: "etcd://node-1:2379" }`, or
 * `consul://…`) puts etcd on that host at its data address, and every host's dockerd gets
 * `--cluster-store=etcd://<kv address as that host reaches it>:2379` and
 * `--cluster-advertise=<its NIC facing the KV host>:2376` (the same resolution as the planner's).
 * Consul is served by etcd (the spec records that it was requested). Hosts of `driver: ovs` networks
 * get their own userspace OVS (`ovs: true`). `docker` picks each host's engine (default 20.10).
 * Throws `invalid-spec` when the KV store's host is not a host of the design, and a RangeError when
 * `docker` names a host the design does not have.
 */
export function labSpecFromTopology(topology: Topology, docker?: EngineChoice): LabSpec {
  const kv = findKv(topology);
  const ovsHosts = new Set(
    entries(topology.networks)
      .filter(([, network]) => network.driver === "ovs")
      .flatMap(([name]) => networkHosts(topology, name)),
  );
  const hosts: LabHostSpec[] = entries(topology.hosts).map(([name, host]) => ({
    name,
    nics: entries(host.nics).map(([nicName, nic]) => ({
      name: nicName,
      ...(nic.address ? { address: nic.address } : {}),
      promisc: nic.promisc === true,
      vlans: entries(nic.vlans)
        .map(([vid, vlan]) => ({ vid: Number(vid), ...(vlan.address ? { address: vlan.address } : {}) }))
        .sort((a, b) => a.vid - b.vid),
    })),
    dockerd: kv ? clusterSettings(topology, name, kv.host) : {},
    ...(ovsHosts.has(name) ? { ovs: true } : {}),
  }));
  return withEngines({ name: labNameOf(topology.name), hosts, ...(kv ? { kv } : {}) }, docker);
}

/** The first KV-store overlay's store, resolved to a design host and its data address. */
function findKv(topology: Topology): LabKvSpec | undefined {
  for (const [networkName, network] of entries(topology.networks)) {
    const url = kvOf(network);
    if (!url) continue;
    const match = KV_URL.exec(url);
    if (!match) continue;
    const [, scheme, target = ""] = match;
    const host = target in topology.hosts ? target : ownerOfAddress(topology, target);
    const address = host ? primaryAddress(topology.hosts[host])?.address : undefined;
    if (!host || !address) {
      throw new LabError(
        "invalid-spec",
        `network '${networkName}' uses the KV store ${url}, but ${host ? `host '${host}' has no addressed NIC` : `'${target}' is not a host (or a host address) of the design`}`,
        "Point control.kv at a host of the design that has an address on the data network, e.g. etcd://node-1:2379.",
      );
    }
    return { host, address: addressOf(address), requested: scheme === "consul" ? "consul" : "etcd" };
  }
  return undefined;
}

function ownerOfAddress(topology: Topology, ip: string): string | undefined {
  for (const [name, host] of entries(topology.hosts)) {
    if (interfacesOf(host).some((iface) => iface.address && addressOf(iface.address) === ip)) return name;
  }
  return undefined;
}

function clusterSettings(topology: Topology, host: string, kvHost: string): LabHostSpec["dockerd"] {
  const from = topology.hosts[host];
  const to = topology.hosts[kvHost];
  const path = host !== kvHost ? underlayPath(from, to) : undefined;
  const storeAddress = path?.toAddress ?? (to ? primaryAddress(to)?.address : undefined);
  const advertise = path?.fromIface ?? primaryAddress(from)?.iface;
  if (!storeAddress) return {};
  return {
    clusterStore: `etcd://${addressOf(storeAddress)}:${ETCD_PORT}`,
    ...(advertise ? { clusterAdvertise: `${advertise}:2376` } : {}),
  };
}
