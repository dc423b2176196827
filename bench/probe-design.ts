import type { Topology } from "../lib/topology/schema";

/**
 * The benchmark's design: `n` busybox containers spread round-robin over `hosts` lab hosts
 * (`node-1`…, data NIC ens33 as `lab up --hosts` builds them), all on one macvlan network.
 */
export function benchTopology(n: number, hosts = 4): Topology {
  const hostNames = Array.from({ length: hosts }, (_, i) => `node-${i + 1}`);
  const containers: NonNullable<Topology["containers"]> = {};
  for (let i = 0; i < n; i++)
    containers[`c-${String(i + 1).padStart(2, "0")}`] = {
      host: hostNames[i % hosts] ?? "node-1",
      image: "busybox",
      networks: { bench_net: { ip: `10.20.${Math.floor((i + 11) / 250)}.${((i + 11) % 250) + 1}` } },
    };
  return {
    name: `bench-${n}`,
    hosts: Object.fromEntries(
      hostNames.map((name, i) => [name, { nics: { ens33: { address: `192.168.0.${11 + i}/24`, promisc: true } } }]),
    ),
    networks: {
      bench_net: {
        driver: "macvlan",
        subnet: "10.20.0.0/16",
        gateway: "10.20.255.254",
        parent: Object.fromEntries(hostNames.map((name) => [name, "ens33"])),
      },
    },
    containers,
  };
}
