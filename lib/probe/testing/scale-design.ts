import type { Topology } from "../../topology/schema";

/** The shape of a scale design: how many hosts, containers per host, and the one network joining them. */
export type ScaleDesignShape = {
  hosts: number;
  perHost: number;
  network: "macvlan" | "swarm";
};

/**
 * A design for scale runs: `hosts` lab hosts `node-1`… (as `lab up --hosts N` builds them: data NIC
 * `ens33` at 192.168.0.(10+i)/24) with `perHost` busybox containers each, `cH-J` (J-th container of
 * `node-H`), all on ONE network `scale_net`:
 * - `macvlan`: subnet 10.50.0.0/16 on every host's ens33, fixed addresses 10.50.H.(10+J)
 *   (so `c2-1` is 10.50.2.11);
 * - `swarm`: an attachable swarm overlay on 10.60.0.0/16 (room for every container and each node's
 *   load-balancer address); addresses are the engine's (read back by the probe).
 * Used by bench/scale.ts and the probe's lab tests; `lab up --for` on it builds the matching lab.
 */
export function scaleTopology({ hosts, perHost, network }: ScaleDesignShape): Topology {
  if (!Number.isInteger(hosts) || hosts < 1 || hosts > 200) throw new RangeError(`hosts must be 1-200, not ${hosts}`);
  if (!Number.isInteger(perHost) || perHost < 1 || perHost > 200)
    throw new RangeError(`perHost must be 1-200, not ${perHost}`);
  const hostNames = Array.from({ length: hosts }, (_, i) => `node-${i + 1}`);
  const containers: NonNullable<Topology["containers"]> = {};
  hostNames.forEach((host, h) => {
    for (let j = 1; j <= perHost; j++)
      containers[`c${h + 1}-${j}`] = {
        host,
        image: "busybox",
        networks: { scale_net: network === "macvlan" ? { ip: `10.50.${h + 1}.${10 + j}` } : {} },
      };
  });
  const networks: NonNullable<Topology["networks"]> =
    network === "macvlan"
      ? {
          scale_net: {
            driver: "macvlan",
            subnet: "10.50.0.0/16",
            gateway: "10.50.0.1",
            parent: Object.fromEntries(hostNames.map((name) => [name, "ens33"])),
          },
        }
      : { scale_net: { driver: "overlay", control: "swarm", subnet: "10.60.0.0/16" } };
  return {
    name: `scale-${network}-${hosts}x${perHost}`,
    hosts: Object.fromEntries(
      hostNames.map((name, i) => [
        name,
        { nics: { ens33: { address: `192.168.0.${11 + i}/24`, ...(network === "macvlan" ? { promisc: true } : {}) } } },
      ]),
    ),
    networks,
    containers,
  };
}
