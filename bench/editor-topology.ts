import type { Topology } from "../lib/topology/schema";

/**
 * A large valid design for the editor benchmark: `hosts` hosts, each with NIC ens33 carrying one
 * VLAN per network; `networks` macvlan networks, each with a parent VLAN on every host; and
 * `containers` containers spread over the hosts, each on one network with a fixed address.
 */
export function generateTopology(hosts = 50, containers = 300, networks = 5): Topology {
  const topology: Topology = { name: "bench-editor", hosts: {} };
  const networkMap: NonNullable<Topology["networks"]> = {};
  const containerMap: NonNullable<Topology["containers"]> = {};
  for (let h = 1; h <= hosts; h++) {
    const vlans: Record<string, { address: string }> = {};
    for (let n = 1; n <= networks; n++) vlans[String(n * 10)] = { address: `192.168.${n}.${h}/24` };
    topology.hosts[`node-${h}`] = { nics: { ens33: { promisc: true, vlans } } };
  }
  for (let n = 1; n <= networks; n++) {
    const parent: Record<string, string> = {};
    for (let h = 1; h <= hosts; h++) parent[`node-${h}`] = `ens33.${n * 10}`;
    networkMap[`mac_net${n}`] = {
      driver: "macvlan",
      subnet: `172.16.${n}.0/24`,
      gateway: `172.16.${n}.1`,
      parent,
    };
  }
  for (let c = 1; c <= containers; c++) {
    const host = ((c - 1) % hosts) + 1;
    const n = ((c - 1) % networks) + 1;
    containerMap[`bbox-${c}`] = {
      host: `node-${host}`,
      image: "busybox",
      networks: { [`mac_net${n}`]: { ip: `172.16.${n}.${10 + Math.floor((c - 1) / networks)}` } },
    };
  }
  return { ...topology, networks: networkMap, containers: containerMap };
}
