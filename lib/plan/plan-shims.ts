import { t } from "../i18n/text";
import { entries } from "../topology/model";
import type { Topology } from "../topology/schema";
import { labelOf } from "./commands";
import type { PlanContext } from "./context";
import type { HostSnapshot } from "./observed";

/** The argv of a shim's steps (argv arrays, quoted by lib/plan/quote.ts when sent). */
export const shimCmd = {
  add: (name: string, parent: string) => [
    "ip",
    "link",
    "add",
    name,
    "link",
    parent,
    "type",
    "macvlan",
    "mode",
    "bridge",
  ],
  route: (address: string, name: string) => ["ip", "route", "add", `${address}/32`, "dev", name],
  remove: (name: string) => ["ip", "link", "del", name],
  /** Up, with the topology's label as the interface alias (so apply and destroy know it is Crossnet's). */
  up: (name: string, topology: string) => ["ip", "link", "set", "dev", name, "up", "alias", labelOf(topology)],
};

/** The design containers of `host` on `network` with a known address, in document order. */
function shimRoutes(ctx: PlanContext, host: string, network: string): { container: string; ip: string }[] {
  return entries(ctx.topology.containers).flatMap(([name, container]) => {
    const ip = ctx.ipam.containers[name]?.[network]?.ip;
    return container.host === host && network in container.networks && ip ? [{ container: name, ip }] : [];
  });
}

/**
 * The macvlan shims of one host: a macvlan interface of the host's own on the network's parent (mode
 * bridge, like Docker's), its address (/32: the parent keeps the subnet's connected route), up, and a
 * /32 route to each of the host's containers on that network through it. Each piece only when the
 * snapshot lacks it, so an applied design re-plans to no step. The shim carries the topology's label
 * as its alias; an interface of that name that is not a macvlan, or is labelled for another topology,
 * is a conflict (never touched).
 */
export function planShims(ctx: PlanContext, host: string): void {
  const snapshot = ctx.snapshot(host);
  for (const shim of ctx.topology.hosts[host]?.shims ?? []) {
    const network = ctx.topology.networks?.[shim.network];
    const parent = network?.driver === "macvlan" ? network.parent[host] : undefined;
    if (!parent) continue;
    const resourceId = `shim:${shim.name}@${host}`;
    const link = snapshot.links.find((candidate) => candidate.name === shim.name);
    if (link && (link.kind !== "macvlan" || (link.alias !== undefined && link.alias !== labelOf(ctx.topology.name)))) {
      ctx.conflict({
        host,
        resourceId,
        message: t`${host} already has an interface ${shim.name} that is not this design's shim (${link.kind}${link.alias ? `, ${link.alias}` : ""})`,
        hint: t`Name the shim differently in the design, or remove that interface by hand ('ip link del ${shim.name}') if it is a leftover.`,
      });
      continue;
    }
    const created = link
      ? undefined
      : ctx.add({
          phase: "networks",
          host,
          kind: "create-shim",
          resourceId,
          action: "+",
          cause: t`missing`,
          missing: true,
          argv: shimCmd.add(shim.name, parent),
          explain: t`Creates ${shim.name}, a macvlan interface of ${host} itself on ${parent}: macvlan never passes frames between a parent and its children, but children (the containers and this shim) talk to each other, so ${host} reaches its ${shim.network} containers through it.`,
        });
    const after = created ? [created] : [];
    if (!link?.addresses.includes(`${shim.ip}/32`))
      ctx.add({
        phase: "networks",
        host,
        kind: "add-address",
        resourceId,
        action: "~",
        cause: t`address missing`,
        argv: ["ip", "addr", "add", `${shim.ip}/32`, "dev", shim.name],
        explain: t`Gives ${shim.name} the address ${shim.ip}; as a /32 it adds no subnet route, so the parent keeps its own.`,
        dependsOn: after,
      });
    if (!link?.up || link.alias !== labelOf(ctx.topology.name))
      ctx.add({
        phase: "networks",
        host,
        kind: "set-link-up",
        resourceId,
        action: "~",
        cause: link?.up ? t`not labelled` : t`down`,
        argv: shimCmd.up(shim.name, ctx.topology.name),
        explain: t`Brings ${shim.name} up, labelled ${labelOf(ctx.topology.name)} in its alias so Crossnet removes it when the design drops it.`,
        dependsOn: after,
      });
    for (const { container, ip } of shimRoutes(ctx, host, shim.network)) {
      if (hasRoute(snapshot, ip, shim.name)) continue;
      ctx.add({
        phase: "networks",
        host,
        kind: "add-route",
        resourceId: `route:${ip}/32@${host}`,
        action: "+",
        cause: t`missing`,
        missing: true,
        argv: shimCmd.route(ip, shim.name),
        explain: t`Routes ${container}'s ${ip} through ${shim.name} instead of ${parent}, from which macvlan would never deliver it.`,
        dependsOn: after,
      });
    }
  }
}

/** Shims labelled for this topology on `host` that the design no longer has there: deleted. */
export function planShimOrphans(ctx: PlanContext, host: string): void {
  const wanted = new Set((ctx.topology.hosts[host]?.shims ?? []).map((shim) => shim.name));
  for (const link of ctx.snapshot(host).links) {
    if (link.kind !== "macvlan" || link.alias !== labelOf(ctx.topology.name) || wanted.has(link.name)) continue;
    ctx.add({
      phase: "host",
      host,
      kind: "remove-shim",
      resourceId: `shim:${link.name}@${host}`,
      action: "-",
      cause: t`not in design`,
      argv: shimCmd.remove(link.name),
      explain: t`Deletes the shim ${link.name}, which Crossnet made for this topology but the design no longer has.`,
    });
  }
}

function hasRoute(snapshot: HostSnapshot, ip: string, dev: string): boolean {
  return snapshot.routes.some((route) => route.dst === `${ip}/32` && route.dev === dev);
}

/** Destroy: each shim labelled for this topology on the host is deleted (its address and routes go with it). */
export function planShimRemoval(ctx: PlanContext, topology: Topology, host: string): void {
  const snapshot = ctx.snapshot(host);
  // Only interfaces carrying this topology's label: one that merely has a shim's name is not ours.
  const names = snapshot.links
    .filter((link) => link.kind === "macvlan" && link.alias === labelOf(topology.name))
    .map((link) => link.name)
    .sort();
  for (const name of names) {
    const shim = { name };
    ctx.add({
      phase: "host",
      host,
      kind: "remove-shim",
      resourceId: `shim:${shim.name}@${host}`,
      action: "-",
      cause: t`destroy`,
      argv: shimCmd.remove(shim.name),
      explain: t`Deletes the shim ${shim.name} and with it its address and routes.`,
    });
  }
}
