import { t } from "../i18n/text";
import { assignAddresses, type Ipam } from "../topology/ipam";
import { entries, kvHosts } from "../topology/model";
import type { Topology } from "../topology/schema";
import { ipCmd, iptablesCmd, labelOf } from "./commands";
import { PlanContext } from "./context";
import { planEngineChecks } from "./engine";
import type { Observed } from "./observed";
import { planContainers, planOrphans } from "./plan-containers";
import { planInterfaces, planRouting } from "./plan-host";
import { planImpairments } from "./plan-impair";
import { planDaemonRestore, planDaemons } from "./plan-kv";
import { planNetworks } from "./plan-networks";
import { planOvs } from "./plan-ovs";
import { planShimOrphans, planShimRemoval, planShims } from "./plan-shims";
import { planSwarm } from "./plan-swarm";
import type { Plan, PlanOptions, Step } from "./types";

/**
 * desired (the design) + observed (a snapshot read before planning) → the ordered steps that make the hosts
 * match the design. Pure: no I/O, same input → byte-identical output. Observed equal to desired → no steps.
 * A host missing from `observed` is taken as fresh (what `crossnet plan` shows).
 */
export function planTopology(
  topology: Topology,
  observed: Observed = {},
  options: PlanOptions = {},
  ipam: Ipam = assignAddresses(topology),
): Plan {
  const ctx = new PlanContext(topology, ipam, observed, options);
  for (const host of Object.keys(topology.hosts)) {
    if (!ctx.reachable(host)) {
      ctx.conflict({
        host,
        resourceId: `host:${host}`,
        message: t`${host} could not be read: ${ctx.snapshot(host).error ?? t`unreachable`}`,
        hint: t`Check the host is up and its inventory entry (address, key, host key). Nothing is planned for it.`,
      });
      continue;
    }
    planInterfaces(ctx, host);
    planImpairments(ctx, host);
    planRouting(ctx, host);
    planShims(ctx, host);
    planShimOrphans(ctx, host);
  }
  planEngineChecks(ctx);
  planDaemons(ctx);
  planSwarm(ctx);
  planOvs(ctx);
  planNetworks(ctx);
  planContainers(ctx);
  planOrphans(ctx);
  return { steps: ctx.finish(), conflicts: ctx.conflicts };
}

/**
 * Removes what Crossnet created for this topology and nothing else: labelled containers, then labelled
 * networks, then its tagged iptables rules and the design's routes; on the hosts of its KV-store overlays
 * the daemon.json Crossnet merged into goes back to the host's own (lib/plan/daemon-json.ts). Other host
 * settings (promiscuous mode, VLAN sub-interfaces, swarm membership) stay. Twice in a row: the second is empty.
 */
export function planDestroy(topology: Topology, observed: Observed = {}): Plan {
  const empty: Topology = {
    name: topology.name,
    hosts: topology.hosts,
    networks: Object.create(null),
    containers: Object.create(null),
  };
  const ctx = new PlanContext(empty, assignAddresses(empty), observed, {});
  planOrphans(ctx);
  for (const host of Object.keys(topology.hosts)) {
    if (!ctx.reachable(host)) {
      ctx.conflict({
        host,
        resourceId: `host:${host}`,
        message: t`${host} could not be read: ${ctx.snapshot(host).error ?? t`unreachable`}`,
        hint: t`Nothing is removed there: check the host is up and its inventory entry, then destroy again.`,
      });
      continue;
    }
    const snapshot = ctx.snapshot(host);
    planShimRemoval(ctx, topology, host);
    planImpairments(ctx, host);
    for (const rule of snapshot.rules) {
      if (!rule.spec.includes(labelOf(topology.name))) continue;
      ctx.add({
        phase: "host",
        host,
        kind: "del-rule",
        resourceId: `rule:${rule.table}:${rule.chain}:${rule.spec.join(" ")}@${host}`,
        action: "-",
        cause: t`destroy`,
        argv: iptablesCmd.remove(rule.table, rule.chain, rule.spec),
        explain: t`Removes the ${rule.chain} rule Crossnet added for ${topology.name}.`,
      });
    }
    for (const [name, network] of entries(topology.networks)) {
      if (network.driver !== "bridge" || network.cross_host !== "routed") continue;
      for (const [peer, subnet] of entries(network.subnets)) {
        if (peer === host) continue;
        const route = snapshot.routes.find((candidate) => candidate.dst === subnet && candidate.via);
        if (!route?.via) continue;
        ctx.add({
          phase: "host",
          host,
          kind: "del-route",
          resourceId: `route:${subnet}@${host}`,
          action: "-",
          cause: t`destroy`,
          argv: ipCmd.delRoute(subnet, route.via),
          explain: t`Removes the route to ${peer}'s subnet of ${name}.`,
        });
      }
    }
  }
  planDaemonRestore(ctx, kvHosts(topology).keys());
  return { steps: ctx.finish().map((step) => asDestroyed(step, topology.name)), conflicts: ctx.conflicts };
}

/**
 * In a destroy, containers and networks go because the user asked, not because the design dropped
 * them: say so (the orphan planner's "not in design … no longer has" would be false here).
 */
function asDestroyed(step: Step, topology: string): Step {
  if (step.kind !== "remove-container" && step.kind !== "remove-network") return step;
  const name = step.resourceId.slice(step.resourceId.indexOf(":") + 1, step.resourceId.lastIndexOf("@"));
  const cause = t`destroy`;
  const explain =
    step.kind === "remove-container"
      ? t`Removes ${name}, which Crossnet created for ${topology}.`
      : t`Removes network ${name}, which Crossnet created for ${topology}.`;
  return { ...step, cause, explain };
}
