import "server-only";
import { hostOfEndpoint } from "../expect/hosts";
import type { ExpectCell } from "../expect/types";
import type { ObservedContainer } from "../plan/observed";
import type { Topology } from "../topology/schema";
import { checkTarget } from "./parse-check";

/** Everything one source container pings in one `docker exec`: its distinct targets and their cells. */
export type ProbeJob = {
  host: string;
  container: string;
  /** Distinct targets, in the order of the matrix. */
  targets: string[];
  /** The cells each target answers (usually one). */
  cells: Map<string, ExpectCell[]>;
};

/** A cell that cannot be probed, with the reason (no address known for its target). */
export type Unprobeable = { cell: ExpectCell; error: string };

/**
 * Groups the expected matrix by source container (pure). A target whose address is only known at
 * run time and was not read (`bbox-2@ov_net1`) cannot be pinged: its cell is returned apart with
 * the reason, so it still shows in the result.
 */
export function planJobs(
  topology: Topology,
  cells: readonly ExpectCell[],
  observed: ReadonlyMap<string, ObservedContainer | undefined>,
): { jobs: ProbeJob[]; unprobeable: Unprobeable[] } {
  const jobs = new Map<string, ProbeJob>();
  const unprobeable: Unprobeable[] = [];
  for (const cell of cells) {
    if (cell.by !== "name" && cell.target.includes("@")) {
      const seen = observed.get(cell.to);
      const network = cell.network ?? "its network";
      const why = !seen
        ? `container ${cell.to} was not found on ${topology.containers?.[cell.to]?.host ?? "its host"}`
        : !seen.running
          ? `container ${cell.to} is not running`
          : `container ${cell.to} is not attached to ${network}`;
      unprobeable.push({ cell, error: `no address of ${cell.to} on ${network} to ping: ${why}` });
      continue;
    }
    const host = hostOfEndpoint(topology, cell.from);
    if (!host) continue;
    let job = jobs.get(cell.from);
    if (!job) {
      job = { host, container: cell.from, targets: [], cells: new Map() };
      jobs.set(cell.from, job);
    }
    const target = checkTarget(cell.by, cell.target);
    const same = job.cells.get(target);
    if (same) same.push(cell);
    else {
      job.targets.push(target);
      job.cells.set(target, [cell]);
    }
  }
  return { jobs: [...jobs.values()], unprobeable };
}

/**
 * The addresses to pass to `expectMatrix` (container → design network → IPv4), from the containers
 * read on each container's own host. Only design networks are kept: an overlay container's
 * docker_gwbridge address (172.18.x, repeated across hosts) is never a target.
 */
export function addressesOf(
  topology: Topology,
  observed: ReadonlyMap<string, ObservedContainer | undefined>,
): Record<string, Record<string, string>> {
  const addresses: Record<string, Record<string, string>> = {};
  for (const [name, container] of Object.entries(topology.containers ?? {})) {
    const seen = observed.get(name);
    if (!seen) continue;
    const mine: Record<string, string> = {};
    for (const network of Object.keys(container.networks)) {
      const ip = topology.networks?.[network] ? seen.networks[network]?.ip : undefined;
      if (ip) mine[network] = ip;
    }
    if (Object.keys(mine).length) addresses[name] = mine;
  }
  return addresses;
}
