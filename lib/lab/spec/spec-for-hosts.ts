import "server-only";
import { MAX_LAB_HOSTS } from "../paths";
import { type EngineChoice, withEngines } from "./engines";
import type { LabSpec } from "./spec";

/**
 * A plain lab of `n` hosts `node-1`..`node-n`, each with data NIC `ens33` at 192.168.0.(10+i)/24,
 * promiscuous (ready for macvlan), no VLANs, no KV store; `docker` picks each host's engine (default 20.10).
 */
export function labSpecForHosts(n: number, name = `hosts-${n}`, docker?: EngineChoice): LabSpec {
  if (!Number.isInteger(n) || n < 1 || n > MAX_LAB_HOSTS) {
    throw new RangeError(`the number of hosts must be an integer from 1 to ${MAX_LAB_HOSTS}, got ${n}`);
  }
  const spec: LabSpec = {
    name,
    hosts: Array.from({ length: n }, (_, i) => ({
      name: `node-${i + 1}`,
      nics: [{ name: "ens33", address: `192.168.0.${11 + i}/24`, promisc: true, vlans: [] }],
      dockerd: {},
    })),
  };
  return withEngines(spec, docker);
}
