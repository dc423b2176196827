import { ovsInterfaceFor } from "../plan/plan-containers";
import { bridgeNameOf } from "../plan/plan-host";
import { ovsTunnelPort } from "../plan/plan-tunnels";
import { entries, interfacesOf, networkHosts, underlayPath } from "../topology/model";
import type { Topology } from "../topology/schema";
import type { CapturePoint } from "./types";

/** The lab's wire: the data switch every host's NICs are plugged into (802.1Q tags are visible there). */
export const WIRE = "wire";

/**
 * Every capture point of a design, sorted by id (deterministic): each container's interfaces
 * (`container:NAME` is its first network's interface, `eth0` or the one ovs-docker made; a container
 * on several networks also gets `container:NAME:IFACE`, one per network), each host NIC
 * and VLAN sub-interface, the Linux bridges of bridge networks, the OVS bridges and tunnel devices
 * the plan creates, and with `lab: true` the wire (`wire`, and `wire:HOST` for one host's port).
 * Pure: the ids are the same in the CLI, the dashboard and lessons.
 */
export function capturePoints(topology: Topology, options: { lab?: boolean } = {}): CapturePoint[] {
  const points = new Map<string, CapturePoint>();
  const add = (point: CapturePoint) => {
    if (!points.has(point.id)) points.set(point.id, point);
  };
  for (const [name, container] of entries(topology.containers)) {
    const interfaces = containerInterfaces(topology, name);
    interfaces.forEach(({ network, iface }, index) => {
      if (index === 0)
        add({ id: `container:${name}`, kind: "container", host: container.host, iface, container: name, network });
      if (interfaces.length > 1)
        add({
          id: `container:${name}:${iface}`,
          kind: "container",
          host: container.host,
          iface,
          container: name,
          network,
        });
    });
  }
  for (const [host, definition] of entries(topology.hosts)) {
    for (const iface of interfacesOf(definition))
      add({ id: `${host}:${iface.name}`, kind: iface.vid === undefined ? "nic" : "vlan", host, iface: iface.name });
  }
  for (const [network, definition] of entries(topology.networks)) {
    const hosts = networkHosts(topology, network);
    if (definition.driver === "bridge" && (definition.bridge || definition.cross_host === "routed")) {
      const bridge = bridgeNameOf(network, definition);
      for (const host of hosts) add({ id: `${host}:${bridge}`, kind: "bridge", host, iface: bridge, network });
    }
    if (definition.driver === "ovs") {
      const bridge = definition.bridge ?? network;
      hosts.forEach((host) => {
        add({ id: `${host}:${bridge}`, kind: "ovs", host, iface: bridge, network });
        if (!definition.tunnel && hosts.length < 2) return;
        hosts.forEach((peer, index) => {
          if (peer === host) return;
          const port = ovsTunnelPort(topology, network, host, peer, index);
          if (port) add({ id: `${host}:${port}`, kind: "tunnel", host, iface: port, network });
        });
      });
    }
  }
  if (options.lab) {
    add({ id: WIRE, kind: "wire", host: null, iface: WIRE });
    for (const host of Object.keys(topology.hosts)) add({ id: `${WIRE}:${host}`, kind: "wire", host, iface: WIRE });
  }
  return [...points.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The expected path of a probe between two containers, or why there is none. */
export type ProbePath = { points: string[]; network: string | null };

/**
 * The capture points a probe from container `from` to container `to` crosses, in order: the source
 * container, its host's devices for the network it uses (bridge, OVS bridge and tunnel, macvlan parent
 * VLAN sub-interface, NIC), the wire (`lab: true`, and only between two hosts), the destination host's
 * devices in reverse order, the destination container. Two containers of one network on one host:
 * only the Linux bridge between them, if any. The network is the first one both share;
 * with none shared (a probe the design expects to fail) each side's first network. Pure.
 */
export function probePath(
  topology: Topology,
  from: string,
  to: string,
  options: { lab?: boolean } = {},
): ProbePath | { error: string } {
  const source = topology.containers?.[from];
  const destination = topology.containers?.[to];
  if (!source) return { error: `no container '${from}' in design '${topology.name}'` };
  if (!destination) return { error: `no container '${to}' in design '${topology.name}'` };
  const shared = Object.keys(source.networks).find((network) => network in destination.networks);
  const sourceNetwork = shared ?? Object.keys(source.networks)[0];
  const destinationNetwork = shared ?? Object.keys(destination.networks)[0];
  const crossHost = source.host !== destination.host;
  const out = sourceNetwork ? hostDevices(topology, sourceNetwork, source.host, destination.host, crossHost) : [];
  const back = destinationNetwork
    ? hostDevices(topology, destinationNetwork, destination.host, source.host, crossHost).reverse()
    : [];
  // Two containers of one network on one host: the frame stays in the host's switch (a Linux bridge
  // shows it; a macvlan parent does not: macvlan forwards between its children itself).
  const local = !crossHost && shared !== undefined;
  const points = [
    containerPoint(topology, from, sourceNetwork),
    ...(local ? out.filter(() => topology.networks?.[shared]?.driver === "bridge").slice(0, 1) : out).map(
      (iface) => `${source.host}:${iface}`,
    ),
    ...(crossHost && options.lab ? [WIRE] : []),
    ...(local ? [] : back.map((iface) => `${destination.host}:${iface}`)),
    containerPoint(topology, to, destinationNetwork),
  ];
  return { points: [...new Set(points)], network: shared ?? null };
}

function containerPoint(topology: Topology, name: string, network: string | undefined): string {
  const interfaces = containerInterfaces(topology, name);
  const index = network ? interfaces.findIndex((candidate) => candidate.network === network) : 0;
  return index > 0 ? `container:${name}:${interfaces[index]?.iface}` : `container:${name}`;
}

/**
 * A container's interface per network, in the design's order: Docker names its own networks' interfaces
 * eth0, eth1 … in attach order; an OVS network's interface is the one ovs-docker makes (`eth1` in a
 * container Docker gives no interface, as in the tutorial; see lib/plan/plan-containers.ts).
 */
function containerInterfaces(topology: Topology, name: string): { network: string; iface: string }[] {
  const container = topology.containers?.[name];
  if (!container) return [];
  let docker = 0;
  return Object.keys(container.networks).map((network) => ({
    network,
    iface:
      topology.networks?.[network]?.driver === "ovs" ? ovsInterfaceFor(topology, container, network) : `eth${docker++}`,
  }));
}

/** The devices of `host` a frame of `network` crosses on its way out toward `peer`, innermost first. */
function hostDevices(topology: Topology, network: string, host: string, peer: string, crossHost: boolean): string[] {
  const definition = topology.networks?.[network];
  const hostDef = topology.hosts[host];
  if (!definition || !hostDef) return [];
  const underlay = crossHost ? underlayPath(hostDef, topology.hosts[peer])?.fromIface : undefined;
  const nicOf = (iface: string | undefined) =>
    iface ? interfacesOf(hostDef).find((candidate) => candidate.name === iface) : undefined;
  const withNic = (iface: string | undefined): string[] => {
    const found = nicOf(iface);
    if (!found) return iface ? [iface] : [];
    return found.vid === undefined ? [found.name] : [found.name, found.nic];
  };
  switch (definition.driver) {
    case "macvlan": {
      const parent = definition.parent[host];
      return withNic(parent);
    }
    case "bridge": {
      const bridge = definition.bridge || definition.cross_host === "routed" ? [bridgeNameOf(network, definition)] : [];
      return [...bridge, ...(crossHost ? withNic(underlay) : [])];
    }
    case "ovs": {
      const hosts = networkHosts(topology, network);
      const index = hosts.indexOf(peer);
      const tunnel = crossHost && index >= 0 ? ovsTunnelPort(topology, network, host, peer, index) : "";
      return [...(tunnel ? [tunnel] : []), ...(crossHost ? withNic(underlay) : [])];
    }
    default:
      return crossHost ? withNic(underlay) : [];
  }
}
