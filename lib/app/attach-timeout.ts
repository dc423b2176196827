import "server-only";
import type { HostPool } from "../exec/hosts";
import type { HostFailure, RunResult } from "../exec/runner";
import { type Text, t } from "../i18n/text";
import type { ObservedEndpoint } from "../observe/parse-endpoints";
import { parseNetworkEndpoints } from "../observe/parse-endpoints";
import type { Observed } from "../plan/observed";

/** What a `docker run --network` or `docker network connect` asked of a network. */
export type AttachRequest = { network: string; container: string; ip?: string };

/** The network, container and requested address of a run/connect argv (as the plan builds them). */
export function attachRequest(argv: readonly string[]): AttachRequest | undefined {
  const flagValue = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const ip = flagValue("--ip");
  if (argv[0] === "docker" && argv[1] === "run") {
    const network = flagValue("--network");
    const container = flagValue("--name");
    return network && container ? { network, container, ...(ip ? { ip } : {}) } : undefined;
  }
  if (argv[0] === "docker" && argv[1] === "network" && argv[2] === "connect" && argv.length >= 5) {
    const network = argv[argv.length - 2];
    const container = argv[argv.length - 1];
    return network && container ? { network, container, ...(ip ? { ip } : {}) } : undefined;
  }
  return undefined;
}

/** What the manager said about the network: its endpoints there, or why it could not be asked. */
export type ManagerView = { manager: string; endpoints: ObservedEndpoint[] } | { manager?: string; error: string };

/**
 * Why an attach to a swarm overlay ended in "context deadline exceeded" (pure): the worker asked the
 * manager for the attachment and waited ~20 s. Either the address it asked for is taken by another
 * endpoint (named from the manager's `network inspect`, e.g. swarm's own `lb-NET`), or the manager
 * could not be reached.
 */
export function diagnoseAttachTimeout(request: AttachRequest, view: ManagerView): Text {
  if ("error" in view)
    return view.manager
      ? t`the swarm manager ${view.manager} could not be asked about ${request.network} (${view.error}): the worker probably could not reach it either; check the manager is up and the hosts reach each other on port 2377`
      : t`no swarm manager among the design's hosts answered: the worker could not get its attachment to ${request.network} from a manager; check the manager is up and the hosts reach each other on port 2377`;
  const holder = request.ip ? view.endpoints.find((endpoint) => endpoint.ip === request.ip) : undefined;
  if (holder && request.ip)
    return holder.name.startsWith("lb-")
      ? t`address ${request.ip} on ${request.network} is taken by ${holder.name}, the load-balancer endpoint swarm allocates on each node for each overlay (seen on the manager ${view.manager}): give ${request.container} another address outside the overlay's ip_range, or no fixed address`
      : t`address ${request.ip} on ${request.network} is taken by ${holder.name} (seen on the manager ${view.manager}): give ${request.container} another address`;
  return t`the manager ${view.manager} answered but shows no endpoint holding ${request.ip ?? t`the requested address`} on ${request.network}: the attachment likely timed out between the worker and the manager (port 2377, or the manager was busy); apply again`;
}

const DEADLINE = /context deadline exceeded/;

/**
 * Adds a diagnosis to each host failure that ended in "context deadline exceeded" on a swarm overlay
 * attach, asking the swarm manager for the network's endpoints: the one the snapshot before the run saw,
 * or, on hosts that had no swarm yet, the one this run initialised (its `swarm-init` step).
 */
export async function explainAttachTimeouts(run: RunResult, observed: Observed, pool: HostPool): Promise<void> {
  const manager =
    Object.values(observed).find(
      (snapshot) => snapshot.reachable && snapshot.docker.swarm.state === "active" && snapshot.docker.swarm.manager,
    )?.host ?? run.steps.find((report) => report.step.kind === "swarm-init" && report.outcome === "ok")?.step.host;
  await Promise.all(
    run.failures.map(async (failure: HostFailure) => {
      if (!DEADLINE.test(`${failure.error}\n${failure.stderr}`) || !failure.argv) return;
      const request = attachRequest(failure.argv);
      if (!request) return;
      failure.diagnosis = diagnoseAttachTimeout(request, await askManager(manager, request.network, pool));
    }),
  );
}

async function askManager(manager: string | undefined, network: string, pool: HostPool): Promise<ManagerView> {
  if (!manager) return { error: "no manager" };
  try {
    const connection = await pool.get(manager);
    return { manager, endpoints: parseNetworkEndpoints(await connection.docker.inspectNetwork(network)) };
  } catch (error) {
    return { manager, error: error instanceof Error ? error.message : String(error) };
  }
}
