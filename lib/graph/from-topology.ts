import { entries, type Topology } from "@/lib/topology";
import { type Text, t } from "../i18n/text";
import { attachKey, containerKey, hostKey, networkKey, nicKey, parentKey, trunkKey, vlanKey } from "./keys";
import { placeNodes } from "./layout";
import type { CanvasEdge, CanvasNode, ContainerNode, Graph, NetworkSpec, NicNode, Positions, VlanNode } from "./types";

export type GraphFromTopology = {
  graph: Graph;
  /** References the canvas cannot draw (an unknown host, network or parent interface), in words. */
  unresolved: Text[];
};

/**
 * Turns a design into the canvas graph: hosts are groups holding their NICs, VLANs and containers;
 * networks span hosts; edges attach containers to networks, macvlan networks to their parent
 * interface on each host, and VLANs to their NIC. Node ids are made from names; positions come from
 * `positions` (by layout key) where known, else from the auto-layout. Pure.
 */
export function topologyToGraph(topology: Topology, positions: Positions = {}): GraphFromTopology {
  const hosts: CanvasNode[] = [];
  const interfaces: CanvasNode[] = [];
  const networks: CanvasNode[] = [];
  const containers: CanvasNode[] = [];
  const edges: CanvasEdge[] = [];
  const unresolved: Text[] = [];
  const interfaceIds = new Map<string, string>();

  for (const [hostName, host] of entries(topology.hosts)) {
    const hostId = hostKey(hostName);
    hosts.push({
      id: hostId,
      type: "host",
      position: { x: 0, y: 0 },
      data: {
        kind: "host",
        name: hostName,
        ...(host.shims !== undefined && { shims: host.shims.map((shim) => ({ ...shim })) }),
      },
    });
    for (const [nicName, nic] of entries(host.nics)) {
      const nicId = nicKey(hostName, nicName);
      const node: NicNode = {
        id: nicId,
        type: "nic",
        parentId: hostId,
        extent: "parent",
        position: { x: 0, y: 0 },
        data: {
          kind: "nic",
          name: nicName,
          ...(nic.address !== undefined && { address: nic.address }),
          ...(nic.promisc !== undefined && { promisc: nic.promisc }),
        },
      };
      interfaces.push(node);
      interfaceIds.set(`${hostName}\u0000${nicName}`, nicId);
      for (const [vid, vlan] of entries(nic.vlans)) {
        const vlanId = vlanKey(hostName, nicName, vid);
        const vlanNode: VlanNode = {
          id: vlanId,
          type: "vlan",
          parentId: hostId,
          extent: "parent",
          position: { x: 0, y: 0 },
          data: { kind: "vlan", vid: Number(vid), ...(vlan.address !== undefined && { address: vlan.address }) },
        };
        interfaces.push(vlanNode);
        interfaceIds.set(`${hostName}\u0000${nicName}.${vid}`, vlanId);
        edges.push({
          id: trunkKey(hostName, nicName, vid),
          type: "trunk",
          source: nicId,
          target: vlanId,
          deletable: false,
          data: { kind: "trunk" },
        });
      }
    }
  }

  for (const [networkName, network] of entries(topology.networks)) {
    const id = networkKey(networkName);
    let spec: NetworkSpec;
    if (network.driver === "macvlan") {
      const { parent, ...rest } = network;
      spec = rest;
      for (const [hostName, iface] of entries(parent)) {
        const target = interfaceIds.get(`${hostName}\u0000${iface}`);
        if (!target) {
          unresolved.push(t`parent '${iface}' of network '${networkName}' on host '${hostName}'`);
          continue;
        }
        edges.push({
          id: parentKey(networkName, hostName),
          type: "parent",
          source: id,
          target,
          data: { kind: "parent" },
        });
      }
    } else spec = { ...network };
    networks.push({
      id,
      type: "network",
      position: { x: 0, y: 0 },
      data: { kind: "network", name: networkName, spec },
    });
  }

  for (const [containerName, container] of entries(topology.containers)) {
    const id = containerKey(containerName);
    if (!(container.host in topology.hosts)) {
      unresolved.push(t`host '${container.host}' of container '${containerName}'`);
      continue;
    }
    const node: ContainerNode = {
      id,
      type: "container",
      parentId: hostKey(container.host),
      extent: "parent",
      position: { x: 0, y: 0 },
      data: {
        kind: "container",
        name: containerName,
        image: container.image,
        ...(container.command !== undefined && { command: [...container.command] }),
        ...(container.services !== undefined && { services: container.services.map((s) => ({ ...s })) }),
        ...(container.publish !== undefined && { publish: [...container.publish] }),
      },
    };
    containers.push(node);
    for (const [networkName, attachment] of entries(container.networks)) {
      if (!topology.networks?.[networkName]) {
        unresolved.push(t`network '${networkName}' of container '${containerName}'`);
        continue;
      }
      edges.push({
        id: attachKey(containerName, networkName),
        type: "attach",
        source: id,
        target: networkKey(networkName),
        data: {
          kind: "attach",
          ...(attachment.ip !== undefined && { ip: attachment.ip }),
          ...(attachment.aliases !== undefined && { aliases: [...attachment.aliases] }),
        },
      });
    }
  }

  const nodes = placeNodes([...hosts, ...networks, ...interfaces, ...containers], edges, positions);
  const meta = {
    name: topology.name,
    ...(topology.description !== undefined && { description: topology.description }),
  };
  return { graph: { meta, nodes, edges }, unresolved };
}
