import { type Text, t } from "../i18n/text";
import { subnetPlanOn } from "../topology/ipam";
import { entries, isGlobal, isSwarmOverlay, kvOf } from "../topology/model";
import type { Network } from "../topology/schema";
import { LABEL_KEY, networkCreate } from "./commands";
import type { PlanContext } from "./context";
import type { ObservedNetwork } from "./observed";
import { bridgeNameOf } from "./plan-host";

/** Host on which a network is created: every host for local networks; one for cluster-wide ones. */
export function creatorsOf(ctx: PlanContext, name: string, network: Network): string[] {
  const hosts = ctx.networkHosts(name);
  if (!isGlobal(network)) return hosts;
  if (isSwarmOverlay(network)) {
    const manager = ctx.swarmHosts()[0];
    return manager ? [manager] : [];
  }
  return hosts.slice(0, 1);
}

/** Step id that makes network `name` usable on `host` (its create step, wherever it runs). */
export function networkReadyId(ctx: PlanContext, name: string, host: string): string[] {
  const network = ctx.topology.networks?.[name];
  if (!network) return [];
  const creators = creatorsOf(ctx, name, network);
  const creator = isGlobal(network) ? creators[0] : host;
  const ids = creator ? [`network:${name}@${creator}/create-network`] : [];
  if (isSwarmOverlay(network)) ids.push(`swarm@${host}/swarm-join`, `swarm@${host}/swarm-init`);
  if (kvOf(network)) ids.push(`daemon@${host}/restart-docker`);
  if (network.driver === "ovs") ids.push(`ovs:${network.bridge ?? name}@${host}/create-ovs-bridge`);
  return ids;
}

/** Why an observed network does not match the design, or undefined when it does. */
export function networkDifference(
  ctx: PlanContext,
  name: string,
  network: Network,
  host: string,
  observed: ObservedNetwork,
): Text | undefined {
  const expectedDriver = dockerDriver(network);
  if (observed.driver !== expectedDriver) return t`driver is ${observed.driver}, design says ${expectedDriver}`;
  const plan = subnetPlanOn(ctx.ipam, name, host);
  if (plan?.source === "design" && plan.subnet && observed.subnet && observed.subnet !== plan.subnet)
    return t`subnet differs (${observed.subnet} on the host, ${plan.subnet} in the design)`;
  if (plan?.source === "design" && plan.gateway && observed.gateway && observed.gateway !== plan.gateway)
    return t`gateway differs (${observed.gateway} on the host, ${plan.gateway} in the design)`;
  if (network.driver === "macvlan") {
    const parent = network.parent[host];
    if (parent && observed.parent !== parent)
      return t`parent differs (${observed.parent ?? t`none`} on the host, ${parent} in the design)`;
  }
  return undefined;
}

function dockerDriver(network: Network): string {
  if (network.driver === "weave") return "weavemesh";
  return network.driver;
}

function isOurs(ctx: PlanContext, observed: ObservedNetwork): boolean {
  return observed.labels[LABEL_KEY] === ctx.topology.name;
}

/** `docker network create` where a network is missing; replacement where it differs. */
export function planNetworks(ctx: PlanContext): void {
  // KV-store overlays are created one after another, even on different hosts: a dockerd's first overlay
  // network writes the store's VXLAN-ID bitmap ("vxlan-id") if it is not there yet, with a
  // create-if-absent write that is not retried. Two first networks created at once on two hosts both
  // try it; one fails ("failed to initialize vxlan id manager: … key modified", fuzz seed 3010 design 5).
  // Once one create is done the bitmap exists and every later dockerd reads it.
  let previousKvCreate: string | undefined;
  for (const [name, network] of entries(ctx.topology.networks)) {
    if (network.driver === "ovs" || network.driver === "flannel") continue;
    for (const host of creatorsOf(ctx, name, network)) {
      if (!ctx.reachable(host)) continue;
      const observed = ctx.snapshot(host).docker.networks.find((candidate) => candidate.name === name);
      const resourceId = `network:${name}@${host}`;
      let cause = t`missing`;
      const removals: string[] = [];
      if (observed) {
        const difference = networkDifference(ctx, name, network, host, observed);
        if (!difference) continue;
        if (!isOurs(ctx, observed)) {
          ctx.conflict({
            host,
            resourceId,
            message: t`network ${name} on ${host} was not created by Crossnet and ${difference}`,
            hint: t`Remove or rename it by hand ('docker network rm ${name}'), or rename the network in the design.`,
          });
          continue;
        }
        cause = difference;
        removals.push(...removeAttached(ctx, name, network, host, cause));
        removals.push(
          ctx.add({
            phase: "remove-networks",
            host,
            kind: "remove-network",
            resourceId,
            action: "-",
            cause,
            argv: ["docker", "network", "rm", name],
            explain: t`Removes ${name} so it can be created again as the design says (${cause}).`,
            dependsOn: removals.slice(),
          }),
        );
      }
      const created = ctx.add({
        phase: "networks",
        host,
        kind: "create-network",
        resourceId,
        action: "+",
        cause,
        missing: !observed,
        argv: createArgv(ctx, name, network, host),
        explain: explainNetwork(ctx, name, network, host),
        dependsOn: [
          ...removals,
          ...dependencies(network, host),
          ...(kvOf(network) && previousKvCreate ? [previousKvCreate] : []),
        ],
      });
      if (kvOf(network)) previousKvCreate = created;
    }
  }
}

/**
 * Containers on a network being replaced must go first; they are re-created with it. A local network is
 * replaced on one host only, so only that host's containers go; a cluster-wide one takes them everywhere.
 */
function removeAttached(ctx: PlanContext, name: string, network: Network, host: string, cause: Text): string[] {
  const ids: string[] = [];
  const hosts = isGlobal(network) ? Object.keys(ctx.topology.hosts) : [host];
  for (const host of hosts)
    for (const container of ctx.snapshot(host).docker.containers) {
      if (!(name in container.networks) || container.labels[LABEL_KEY] !== ctx.topology.name) continue;
      ctx.replaced.add(`${container.name}@${host}`);
      ids.push(
        ctx.add({
          phase: "remove-containers",
          host,
          kind: "remove-container",
          resourceId: `container:${container.name}@${host}`,
          action: "-",
          cause: t`network ${name}: ${cause}`,
          argv: ["docker", "rm", "-f", container.name],
          explain: t`Removes ${container.name} because its network ${name} must be re-created; it is started again afterwards.`,
        }),
      );
    }
  return ids;
}

function dependencies(network: Network, host: string): string[] {
  const deps: string[] = [];
  if (network.driver === "macvlan") {
    const parent = network.parent[host];
    if (parent)
      deps.push(
        `vlan:${parent}@${host}/set-link-up`,
        `vlan:${parent}@${host}/create-vlan`,
        `nic:${parent}@${host}/set-promisc`,
      );
  }
  if (isSwarmOverlay(network)) deps.push(`swarm@${host}/swarm-init`);
  if (kvOf(network)) deps.push(`daemon@${host}/restart-docker`);
  return deps;
}

function createArgv(ctx: PlanContext, name: string, network: Network, host: string): string[] {
  const plan = subnetPlanOn(ctx.ipam, name, host);
  const subnet = plan?.source === "design" ? plan.subnet : undefined;
  const gateway = plan?.source === "design" && "gateway" in network && network.gateway ? network.gateway : undefined;
  const base = { name, subnet, gateway, topology: ctx.topology.name, options: [] as [string, string][] };
  switch (network.driver) {
    case "bridge": {
      const routed = network.cross_host === "routed";
      const bridge = network.bridge ?? (routed ? bridgeNameOf(name, network) : undefined);
      return networkCreate({
        ...base,
        driver: "bridge",
        gateway: routed ? undefined : gateway,
        options: bridge ? [["com.docker.network.bridge.name", bridge]] : [],
      });
    }
    case "macvlan": {
      const options: [string, string][] = [["parent", network.parent[host] ?? ""]];
      if (network.mode && network.mode !== "bridge") options.push(["macvlan_mode", network.mode]);
      return networkCreate({ ...base, driver: "macvlan", ipRange: network.ip_range, options });
    }
    case "overlay":
      return networkCreate({
        ...base,
        driver: "overlay",
        ipRange: network.ip_range,
        attachable: isSwarmOverlay(network) && network.attachable !== false,
        options: network.encrypted ? [["encrypted", "true"]] : [],
      });
    case "weave":
      return networkCreate({ ...base, driver: "weavemesh", ipamDriver: "weavemesh" });
    case "calico":
      return networkCreate({ ...base, driver: "calico", ipamDriver: "calico-ipam" });
    case "ovs":
    case "flannel":
      return [];
  }
}

function explainNetwork(ctx: PlanContext, name: string, network: Network, host: string): Text {
  switch (network.driver) {
    case "bridge":
      return network.cross_host === "routed"
        ? t`Creates bridge ${name} on ${host} with this host's own subnet ${network.subnets?.[host] ?? ""}; the routes to the other hosts' subnets join them at layer 3.`
        : t`Creates a user-defined bridge ${name} on ${host}: its containers reach each other and find each other by name, on this host only.`;
    case "macvlan":
      return t`Creates macvlan network ${name} on ${host} with parent ${network.parent[host] ?? ""}: each container gets its own MAC address directly on that interface's network, with no bridge or NAT. The same subnet on every host makes it one network across hosts.`;
    case "overlay":
      return isSwarmOverlay(network)
        ? t`Creates the swarm overlay ${name} on the manager ${host}, --attachable so plain 'docker run' containers can join it; every swarm host can use it (VXLAN between hosts, DNS by name across hosts).`
        : t`Creates overlay ${name} once, on ${host}: it is stored in the KV store, so the other hosts see it too (SCOPE global).${ctx.networkHosts(name).length ? t`` : t` No container uses it yet.`}`;
    case "weave":
      return t`Creates ${name} on Weave Net's driver (needs 'weave launch' on every host first).`;
    case "calico":
      return t`Creates ${name} with Calico's libnetwork driver and IPAM (Calico 2.6; needs calico/node running on every host).`;
    default:
      return t``;
  }
}
