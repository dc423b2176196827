import { t } from "../i18n/text";
import { underlayPath } from "../topology/model";
import { dockerCmd } from "./commands";
import type { PlanContext } from "./context";
import { firstAddress } from "./host-addresses";

/** Swarm for swarm-mode overlays: the first participating host initialises, the others join as workers. */
export function planSwarm(ctx: PlanContext): void {
  const [manager, ...workers] = ctx.swarmHosts();
  if (!manager) return;
  const managerState = ctx.snapshot(manager).docker.swarm;
  const managerAddress =
    workers
      .map((worker) => underlayPath(ctx.topology.hosts[worker], ctx.topology.hosts[manager])?.toAddress)
      .find(Boolean) ?? firstAddress(ctx, manager);
  if (!managerAddress) return;
  let init: string | undefined;
  if (managerState.state !== "active" && ctx.reachable(manager))
    init = ctx.add({
      phase: "swarm-init",
      host: manager,
      kind: "swarm-init",
      resourceId: `swarm@${manager}`,
      action: "+",
      cause: t`not in a swarm`,
      argv: dockerCmd.swarmInit(managerAddress),
      explain: t`Makes ${manager} a swarm manager. Swarm replaces the tutorial's KV store: managers keep the overlay networks and hand out addresses.`,
    });
  else if (managerState.state === "active" && !managerState.manager)
    ctx.conflict({
      host: manager,
      resourceId: `swarm@${manager}`,
      message: t`${manager} should manage the swarm but is a worker of another swarm`,
      hint: t`Run 'docker swarm leave' on ${manager}, or make it a manager ('docker node promote').`,
    });
  const managerCluster = managerState.state === "active" ? managerState.clusterId : undefined;
  for (const worker of workers) {
    if (!ctx.reachable(worker)) continue;
    const state = ctx.snapshot(worker).docker.swarm;
    if (state.state === "active") {
      if (managerCluster && state.clusterId && state.clusterId !== managerCluster)
        ctx.conflict({
          host: worker,
          resourceId: `swarm@${worker}`,
          message: t`${worker} is in another swarm than ${manager}`,
          hint: t`Run 'docker swarm leave --force' on ${worker}, then apply again.`,
        });
      continue;
    }
    const address =
      underlayPath(ctx.topology.hosts[worker], ctx.topology.hosts[manager])?.fromAddress ??
      firstAddress(ctx, worker) ??
      "";
    ctx.add({
      phase: "swarm-join",
      host: worker,
      kind: "swarm-join",
      resourceId: `swarm@${worker}`,
      action: "+",
      cause: t`not in the swarm`,
      argv: dockerCmd.swarmJoin("{{SWARM_WORKER_TOKEN}}", managerAddress, address),
      inputs: [
        {
          name: "SWARM_WORKER_TOKEN",
          host: manager,
          argv: dockerCmd.swarmJoinToken(),
          explain: t`The worker join token, printed on ${manager} by 'docker swarm join-token -q worker'.`.en,
        },
      ],
      explain: t`Joins ${worker} to ${manager}'s swarm as a worker, so it can attach containers to the swarm's overlay networks.`,
      dependsOn: init ? [init] : [],
    });
  }
}
