import type { Observed } from "../plan/observed";
import type { Topology } from "../topology/schema";

/**
 * What the hosts say about one container of the design: `running`, `stopped`, `missing` (its host
 * has no container of that name), `unknown` (its host could not be read).
 */
export type LiveState = "running" | "stopped" | "missing" | "unknown";

/** One container's observed state and its addresses on the design's networks (only those). */
export type ContainerLive = { host: string; state: LiveState; addresses: Record<string, string> };

/**
 * The live state of every container of a design from an observation, keyed by container name.
 * Only the design's networks are listed: an overlay container's docker_gwbridge address repeats
 * across hosts and is not an address of the design.
 */
export function containerLiveStates(topology: Topology, observed: Observed): Record<string, ContainerLive> {
  const live: Record<string, ContainerLive> = {};
  for (const [name, container] of Object.entries(topology.containers ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const snapshot = observed[container.host];
    if (!snapshot?.reachable) {
      live[name] = { host: container.host, state: "unknown", addresses: {} };
      continue;
    }
    const found = snapshot.docker.containers.find((candidate) => candidate.name === name);
    if (!found) {
      live[name] = { host: container.host, state: "missing", addresses: {} };
      continue;
    }
    const addresses: Record<string, string> = {};
    for (const network of Object.keys(container.networks).sort()) {
      const ip = found.networks[network]?.ip;
      if (ip) addresses[network] = ip;
    }
    live[name] = { host: container.host, state: found.running ? "running" : "stopped", addresses };
  }
  return live;
}

/**
 * The same record after one container was started or stopped by hand: its state, and the addresses
 * read back with it (none once it stops).
 */
export function withLiveState(
  live: Record<string, ContainerLive>,
  name: string,
  host: string,
  running: boolean,
  addresses: Record<string, string>,
): Record<string, ContainerLive> {
  return { ...live, [name]: { host, state: running ? "running" : "stopped", addresses: running ? addresses : {} } };
}
