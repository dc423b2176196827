import { t } from "../i18n/text";
import { underlayPath } from "../topology/model";
import type { Topology } from "../topology/schema";
import { iptablesCmd, labelOf } from "./commands";
import type { PlanContext } from "./context";
import { findRule } from "./plan-host";

/**
 * The KV store (etcd/Consul) has no authentication: only the design's hosts may reach it. Two
 * kinds of labelled DOCKER-USER rules on the store's host (traffic to a published port is
 * forwarded, so it passes DOCKER-USER): one RETURN (go on to Docker's rules) per design host's
 * underlay address, above one DROP for everyone else. Destroy removes them like every labelled rule.
 */
export function kvAllowSpec(source: string, port: number, topology: string): string[] {
  return [
    "-s",
    `${source}/32`,
    "-p",
    "tcp",
    "-m",
    "tcp",
    "--dport",
    String(port),
    "-m",
    "comment",
    "--comment",
    labelOf(topology),
    "-j",
    "RETURN",
  ];
}

/** The DROP below the allow rules (see {@link kvAllowSpec}). */
export function kvDropSpec(port: number, topology: string): string[] {
  return [
    "-p",
    "tcp",
    "-m",
    "tcp",
    "--dport",
    String(port),
    "-m",
    "comment",
    "--comment",
    labelOf(topology),
    "-j",
    "DROP",
  ];
}

/** The underlay addresses the design's other hosts reach `kvHost` from, sorted and unique. */
export function kvMembers(topology: Topology, kvHost: string): string[] {
  const members = new Set<string>();
  for (const host of Object.keys(topology.hosts)) {
    if (host === kvHost) continue;
    const path = underlayPath(topology.hosts[kvHost], topology.hosts[host]);
    if (path?.toAddress) members.add(path.toAddress);
  }
  return [...members].sort();
}

/**
 * Plans the KV store's firewall on `kvHost`: the missing allow rules are inserted (each `-I` goes
 * on top, so above the DROP); when the DROP itself is missing, allow rules already there are
 * removed first and everything is inserted again in order (DROP, then the allows above it), since
 * a DROP inserted on top would shut the members out. `after` is the step that starts the store.
 */
export function planKvFirewall(ctx: PlanContext, kvHost: string, port: number, after: string | undefined): void {
  const rules = ctx.snapshot(kvHost).rules;
  const label = ctx.topology.name;
  const members = kvMembers(ctx.topology, kvHost);
  const drop = kvDropSpec(port, label);
  const dropPresent = findRule(rules, "filter", "DOCKER-USER", drop) !== undefined;
  const removed: string[] = [];
  if (!dropPresent)
    for (const member of members) {
      const allow = kvAllowSpec(member, port, label);
      if (!findRule(rules, "filter", "DOCKER-USER", allow)) continue;
      removed.push(
        ctx.add({
          phase: "daemon",
          host: kvHost,
          kind: "del-rule",
          resourceId: `rule:kv-allow-${member}@${kvHost}`,
          action: "-",
          cause: t`the KV store's DROP rule is missing`,
          argv: iptablesCmd.remove("filter", "DOCKER-USER", allow),
          explain: t`Takes the allow rule out so it can go back above the DROP rule inserted next.`,
        }),
      );
    }
  const dropStep = dropPresent
    ? undefined
    : ctx.add({
        phase: "daemon",
        host: kvHost,
        kind: "add-rule",
        resourceId: `rule:kv-drop@${kvHost}`,
        action: "+",
        cause: t`missing`,
        argv: iptablesCmd.insert("filter", "DOCKER-USER", drop),
        explain: t`The KV store has no authentication: this drops connections to port ${String(port)} from anywhere but the design's hosts (allowed by the rules above it).`,
        dependsOn: [...(after ? [after] : []), ...removed],
      });
  for (const member of members) {
    const allow = kvAllowSpec(member, port, label);
    if (dropPresent && findRule(rules, "filter", "DOCKER-USER", allow)) continue;
    ctx.add({
      phase: "daemon",
      host: kvHost,
      kind: "add-rule",
      resourceId: `rule:kv-allow-${member}@${kvHost}`,
      action: "+",
      cause: t`missing`,
      argv: iptablesCmd.insert("filter", "DOCKER-USER", allow),
      explain: t`Lets the design's host at ${member} reach the KV store on port ${String(port)}.`,
      dependsOn: dropStep ? [dropStep] : after ? [after] : [],
    });
  }
}
