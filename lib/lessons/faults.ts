import { type Text, t } from "../i18n/text";
import { dockerCmd, ipCmd } from "../plan/commands";
import { applyArgv, clearArgv } from "../plan/impairment";
import type { Observed } from "../plan/observed";
import { planTopology } from "../plan/plan";
import { assignAddresses } from "../topology/ipam";
import type { Topology } from "../topology/schema";
import type { Fault, FaultKind, Selector } from "./schema";
import { selectPlanSteps } from "./select";

/** One command of a fault or its fix, on one host, as argv (never a shell string). */
export type HostCommand = { host: string; argv: string[] };

/** The host a container runs on (the design says; validation made sure it exists). */
function hostOf(topology: Topology, container: string): string {
  return topology.containers?.[container]?.host ?? "";
}

/** The peer subnets a routed bridge's host routes to (one per other host). */
function peerSubnets(topology: Topology, network: string, host: string): string[] {
  const definition = topology.networks?.[network];
  if (definition?.driver !== "bridge" || !definition.subnets) return [];
  return Object.entries(definition.subnets)
    .filter(([peer]) => peer !== host)
    .map(([, subnet]) => subnet);
}

/** The macvlan network a container is on in the design, other than `wrong` (the one the fault moves it from). */
export function designVlanNetwork(topology: Topology, container: string, wrong: string): string | undefined {
  const networks = Object.keys(topology.containers?.[container]?.networks ?? {});
  return networks.find((name) => name !== wrong && topology.networks?.[name]?.driver === "macvlan");
}

/**
 * The commands that inject a fault, built here from the fault's kind and the design's names (which
 * the schema allow-lists), never taken from the lesson file.
 */
export function faultCommands(fault: Fault, topology: Topology): HostCommand[] {
  switch (fault.kind) {
    case "link-down":
      return [{ host: fault.host, argv: ["ip", "link", "set", fault.nic, "down"] }];
    case "route-removed":
      return peerSubnets(topology, fault.network, fault.host).map((subnet) => ({
        host: fault.host,
        argv: ["ip", "route", "del", subnet],
      }));
    case "container-detached":
      return [
        {
          host: hostOf(topology, fault.container),
          argv: ["docker", "network", "disconnect", fault.network, fault.container],
        },
      ];
    case "wrong-vlan": {
      const host = hostOf(topology, fault.container);
      const right = designVlanNetwork(topology, fault.container, fault.network) ?? "";
      return [
        { host, argv: ["docker", "network", "disconnect", right, fault.container] },
        { host, argv: ["docker", "network", "connect", fault.network, fault.container] },
      ];
    }
    case "link-loss":
      return [{ host: fault.host, argv: applyArgv(fault.nic, { kind: "loss", percent: fault.percent }) }];
  }
}

/**
 * The plan steps that repair a fault, by resource id: what a plan against the broken hosts proposes
 * for it (set-link-up on the NIC, add-route, connect-network / disconnect-network of the container).
 */
export function faultRepairSelectors(fault: Fault, topology: Topology): Selector[] {
  switch (fault.kind) {
    case "link-down":
      return [{ resource: `${linkResource(topology, fault.host, fault.nic)}@${fault.host}` }];
    case "route-removed":
      return peerSubnets(topology, fault.network, fault.host).map((subnet) => ({
        resource: `route:${subnet}@${fault.host}`,
      }));
    case "container-detached":
      return [{ resource: `container:${fault.container}@${hostOf(topology, fault.container)}:${fault.network}` }];
    case "wrong-vlan": {
      const host = hostOf(topology, fault.container);
      const right = designVlanNetwork(topology, fault.container, fault.network) ?? "";
      return [
        { resource: `container:${fault.container}@${host}:${fault.network}` },
        { resource: `container:${fault.container}@${host}:${right}` },
      ];
    }
    case "link-loss":
      return [{ resource: `${linkResource(topology, fault.host, fault.nic)}@${fault.host}` }];
  }
}

/** `nic:NAME` for a NIC of the design, `vlan:NAME` for a VLAN sub-interface (how plan resource ids name them). */
function linkResource(topology: Topology, host: string, name: string): string {
  return topology.hosts[host]?.nics[name] ? `nic:${name}` : `vlan:${name}`;
}

/** The commands a person types to undo the fault by hand (the same ones Crossnet's repair runs). */
export function fixCommands(fault: Fault, topology: Topology): HostCommand[] {
  const ipam = assignAddresses(topology);
  const ipOf = (container: string, network: string) => ipam.containers[container]?.[network]?.ip;
  const aliases = (container: string, network: string) =>
    topology.containers?.[container]?.networks[network]?.aliases ?? [];
  switch (fault.kind) {
    case "link-down":
      return [{ host: fault.host, argv: ipCmd.up(fault.nic) }];
    case "route-removed":
      return selectPlanSteps(planTopology(topology, {}, {}, ipam), faultRepairSelectors(fault, topology)).selected.map(
        (step) => ({ host: step.host, argv: step.argv }),
      );
    case "container-detached": {
      const { container, network } = fault;
      return [
        {
          host: hostOf(topology, container),
          argv: dockerCmd.connect(network, container, ipOf(container, network), aliases(container, network)),
        },
      ];
    }
    case "wrong-vlan": {
      const { container, network } = fault;
      const host = hostOf(topology, container);
      const right = designVlanNetwork(topology, container, network) ?? "";
      return [
        { host, argv: dockerCmd.disconnect(network, container) },
        { host, argv: dockerCmd.connect(right, container, ipOf(container, right), aliases(container, right)) },
      ];
    }
    case "link-loss":
      return [{ host: fault.host, argv: clearArgv(fault.nic, { kind: "loss", percent: fault.percent }) }];
  }
}

/**
 * Whether the fault is still there on the observed hosts: true while it is, false once fixed,
 * undefined when the host it concerns could not be read.
 */
export function faultPresent(fault: Fault, topology: Topology, observed: Observed): boolean | undefined {
  const host = "host" in fault ? fault.host : hostOf(topology, fault.container);
  const snapshot = observed[host];
  if (!snapshot?.reachable) return undefined;
  switch (fault.kind) {
    case "link-down":
      return !snapshot.links.find((link) => link.name === fault.nic)?.up;
    case "route-removed": {
      const routed = new Set(snapshot.routes.map((route) => route.dst));
      return peerSubnets(topology, fault.network, fault.host).some((subnet) => !routed.has(subnet));
    }
    case "container-detached": {
      const container = snapshot.docker.containers.find((candidate) => candidate.name === fault.container);
      return !container?.networks[fault.network];
    }
    case "wrong-vlan": {
      const container = snapshot.docker.containers.find((candidate) => candidate.name === fault.container);
      const right = designVlanNetwork(topology, fault.container, fault.network) ?? "";
      return !container || Boolean(container.networks[fault.network]) || !container.networks[right];
    }
    case "link-loss":
      return (snapshot.impairments ?? []).some(
        (item) => item.point.kind === "host" && item.point.iface === fault.nic && item.impairment.kind === "loss",
      );
  }
}

/** What the fault did, told once the student has found it. */
export function describeFault(fault: Fault, topology: Topology): Text {
  switch (fault.kind) {
    case "link-down":
      return t`${fault.nic} of ${fault.host} was taken down (ip link set ${fault.nic} down), as a pulled cable would`;
    case "route-removed":
      return t`the route to ${peerSubnets(topology, fault.network, fault.host).join(", ")} was removed on ${fault.host}`;
    case "container-detached":
      return t`${fault.container} was detached from ${fault.network} on ${hostOf(topology, fault.container)}`;
    case "wrong-vlan":
      return t`${fault.container} was moved from ${designVlanNetwork(topology, fault.container, fault.network) ?? ""} to ${fault.network}, the network of another VLAN`;
    case "link-loss":
      return t`${fault.host} dropped ${String(fault.percent)}% of the packets arriving on ${fault.nic} (an iptables statistic rule)`;
  }
}

/** The answers a student picks from when asked what is wrong (one per fault kind). */
export function faultKindLabel(kind: FaultKind): Text {
  switch (kind) {
    case "link-down":
      return t`a host's network interface is down`;
    case "route-removed":
      return t`a route between the hosts is missing`;
    case "container-detached":
      return t`a container is not attached to its network`;
    case "wrong-vlan":
      return t`a container is on the wrong VLAN`;
    case "link-loss":
      return t`a host's link loses packets`;
  }
}
