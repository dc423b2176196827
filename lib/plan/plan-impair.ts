import { t } from "../i18n/text";
import { entries } from "../topology/model";
import type { Topology } from "../topology/schema";
import type { PlanContext } from "./context";
import { clearArgv, describeImpairment, designInterfaces, inNetns } from "./impairment";
import type { HostSnapshot, ObservedImpairment } from "./observed";

/** The plan resource an impaired point belongs to: the NIC, the VLAN sub-interface, or the container. */
function resourceOf(topology: Topology, host: string, item: ObservedImpairment): string | undefined {
  const { point } = item;
  if (point.kind === "container") {
    return topology.containers?.[point.container]?.host === host ? `container:${point.container}@${host}` : undefined;
  }
  if (point.host !== host || !designInterfaces(topology, host).includes(point.iface)) return undefined;
  return topology.hosts[host]?.nics[point.iface] ? `nic:${point.iface}@${host}` : `vlan:${point.iface}@${host}`;
}

/** The step that clears one observed impairment, in the namespace it sits in. */
function clearStep(topology: Topology, host: string, item: ObservedImpairment) {
  const resourceId = resourceOf(topology, host, item);
  if (!resourceId || item.impairment.kind === "down") return undefined;
  if (item.point.kind === "container" && item.pid === undefined) return undefined;
  const iface = item.point.iface;
  const argv = clearArgv(iface, item.impairment);
  const where = item.point.kind === "container" ? `${item.point.container}'s ${iface}` : `${iface}`;
  const what = describeImpairment(item.impairment);
  const qdisc = item.impairment.kind !== "loss";
  return {
    phase: "host" as const,
    host,
    kind: qdisc ? ("clear-qdisc" as const) : ("clear-loss" as const),
    resourceId,
    action: "~" as const,
    cause: t`impaired: ${what} on ${iface}`,
    argv: item.point.kind === "container" && item.pid !== undefined ? inNetns(item.pid, argv) : argv,
    explain: qdisc
      ? t`Removes the ${what} that 'crossnet impair' put on ${where} (its root qdisc, handle c0de:): the design has no such limit.`
      : t`Removes the rule that 'crossnet impair' added to drop packets arriving on ${where} (${what}): the design has no such loss.`,
  };
}

/**
 * Link impairments are drift: a design NIC that is down gets `ip link set … up` (VLAN
 * sub-interfaces already do, in planInterfaces), and each impairment Crossnet put on a design
 * interface or a design container's interface (a qdisc with its handle, a loss rule with its
 * comment) gets the command that clears it. Repair (apply) therefore clears them.
 */
export function planImpairments(ctx: PlanContext, host: string): void {
  const snapshot = ctx.snapshot(host);
  const definition = ctx.topology.hosts[host];
  if (!definition) return;
  for (const [nic] of entries(definition.nics)) {
    const link = snapshot.links.find((candidate) => candidate.name === nic);
    if (link && !link.up)
      ctx.add({
        phase: "host",
        host,
        kind: "set-link-up",
        resourceId: `nic:${nic}@${host}`,
        action: "~",
        cause: t`down`,
        argv: ["ip", "link", "set", nic, "up"],
        explain: t`Brings ${nic} up: while it is down nothing crosses it (macvlan containers on it lose their link too).`,
      });
  }
  for (const item of sortedImpairments(snapshot)) {
    const step = clearStep(ctx.topology, host, item);
    if (step) ctx.add(step);
  }
}

/** Observed impairments in a stable order (point, then kind). */
function sortedImpairments(snapshot: HostSnapshot): ObservedImpairment[] {
  const key = (item: ObservedImpairment) =>
    `${item.point.kind === "host" ? item.point.iface : `~${item.point.container}:${item.point.iface}`}/${item.impairment.kind}`;
  return [...(snapshot.impairments ?? [])].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
