import { type Text, t } from "../i18n/text";
import { formatCidr, parseCidr } from "../topology/ip";
import { entries, isGlobal, isSwarmOverlay, kvOf, ovsInterfaceMtu } from "../topology/model";
import type { Container, Topology } from "../topology/schema";
import { containerRun, dockerCmd, LABEL_KEY, ovsCmd, ovsInterface, PUBLISH_LABEL } from "./commands";
import type { PlanContext } from "./context";
import type { ObservedContainer } from "./observed";
import { designKvStores } from "./plan-kv";
import { networkReadyId } from "./plan-networks";

/** The address to pass with --ip: fixed in the design, or predicted on a network Docker accepts --ip on. */
export function pinnedIp(ctx: PlanContext, containerName: string, network: string): string | undefined {
  const assigned = ctx.ipam.containers[containerName]?.[network];
  if (!assigned?.ip) return undefined;
  if (assigned.source === "fixed") return assigned.ip;
  return assigned.source === "predicted" && ctx.ipam.networks[network]?.userSubnet ? assigned.ip : undefined;
}

function dockerNetworks(ctx: PlanContext, container: Container): string[] {
  return Object.keys(container.networks).filter((name) => {
    const driver = ctx.topology.networks?.[name]?.driver;
    return driver !== undefined && driver !== "ovs" && driver !== "flannel";
  });
}

/** Start, fix or replace each container of the design; connect its other networks; plug it into OVS. */
export function planContainers(ctx: PlanContext): void {
  const lastAllocation = new Map<string, string>();
  const chain = (network: string, id: string, pinned: boolean) => {
    const definition = ctx.topology.networks?.[network];
    if (!definition || !isGlobal(definition) || !kvOf(definition) || pinned) return [];
    const previous = lastAllocation.get(network);
    lastAllocation.set(network, id);
    return previous ? [previous] : [];
  };
  const connects: (() => void)[] = [];
  for (const [name, container] of entries(ctx.topology.containers)) {
    const host = container.host;
    if (!ctx.reachable(host) || !(host in ctx.topology.hosts)) continue;
    const resourceId = `container:${name}@${host}`;
    const observed = ctx.snapshot(host).docker.containers.find((candidate) => candidate.name === name);
    if (observed && observed.labels[LABEL_KEY] !== ctx.topology.name) {
      ctx.conflict({
        host,
        resourceId,
        message: t`a container named ${name} already runs on ${host} and was not created by Crossnet`,
        hint: t`Remove it by hand ('docker rm -f ${name}') or rename the container in the design.`,
      });
      continue;
    }
    const networks = dockerNetworks(ctx, container);
    const [first, ...rest] = networks;
    const replaced = ctx.replaced.has(`${name}@${host}`);
    const difference = observed && !replaced ? containerDifference(ctx, name, container, observed) : undefined;
    const removal: string[] = [];
    if (observed && difference && !replaced)
      removal.push(
        ctx.add({
          phase: "remove-containers",
          host,
          kind: "remove-container",
          resourceId,
          action: "-",
          cause: difference,
          argv: dockerCmd.rm(name),
          explain: t`Removes ${name} to start it again as the design says (${difference}).`,
        }),
      );
    const present = observed && !difference && !replaced ? observed : undefined;
    if (!present) {
      const ip = first ? pinnedIp(ctx, name, first) : undefined;
      const id = `${resourceId}/run-container`;
      ctx.add({
        phase: "containers",
        host,
        kind: "run-container",
        resourceId,
        action: "+",
        cause: difference ?? (replaced ? t`network re-created` : t`missing`),
        missing: !difference && !replaced,
        argv: containerRun({
          name,
          image: container.image,
          network:
            first ??
            (Object.keys(container.networks).some((n) => ctx.topology.networks?.[n]?.driver === "flannel")
              ? "bridge"
              : "none"),
          ip,
          aliases: first ? (container.networks[first]?.aliases ?? []) : [],
          command: container.command ?? [],
          topology: ctx.topology.name,
          ...(container.publish?.length ? { publish: container.publish } : {}),
        }),
        explain: explainRun(ctx, name, container, first, ip),
        dependsOn: [
          ...removal,
          ...(first ? networkReadyId(ctx, first, host) : []),
          ...(first ? chain(first, id, Boolean(ip)) : []),
        ],
      });
    } else if (!present.running)
      ctx.add({
        phase: "containers",
        host,
        kind: "start-container",
        resourceId,
        action: "~",
        cause: t`stopped`,
        argv: dockerCmd.start(name),
        explain: t`Starts ${name} again; it exists but is not running.`,
      });
    for (const network of present ? networks : rest)
      connects.push(() => {
        if (present?.networks[network]) return;
        const ip = pinnedIp(ctx, name, network);
        const id = `container:${name}@${host}:${network}/connect-network`;
        ctx.add({
          phase: "connect",
          host,
          kind: "connect-network",
          resourceId: `container:${name}@${host}:${network}`,
          action: "+",
          cause: present ? t`not attached` : t`second network`,
          missing: !present,
          argv: dockerCmd.connect(network, name, ip, container.networks[network]?.aliases ?? []),
          explain: t`Attaches ${name} to ${network} too: it gets another interface and address there and can reach ${network}'s containers${ip ? t` (as ${ip})` : swarmConnect(ctx, network)}.`,
          dependsOn: [
            `${resourceId}/run-container`,
            ...networkReadyId(ctx, network, host),
            ...chain(network, id, Boolean(ip)),
          ],
        });
      });
    if (present)
      for (const attached of Object.keys(present.networks)) {
        const designed = ctx.topology.networks?.[attached];
        if (!designed || attached in container.networks) continue;
        ctx.add({
          phase: "remove-containers",
          host,
          kind: "disconnect-network",
          resourceId: `container:${name}@${host}:${attached}`,
          action: "-",
          cause: t`not in design`,
          argv: dockerCmd.disconnect(attached, name),
          explain: t`Detaches ${name} from ${attached}: the design does not put it there.`,
        });
      }
    planOvsAttachments(ctx, name, container, present === undefined);
  }
  for (const connect of connects) connect();
}

/**
 * The interface ovs-docker makes in `container` for its OVS network `network` (see {@link ovsInterface}):
 * `eth1` for the first OVS network of a container Docker gives no interface, as in the tutorial.
 */
export function ovsInterfaceFor(topology: Topology, container: Container, network: string): string {
  const definition = topology.networks?.[network];
  const bridge = definition?.driver === "ovs" ? (definition.bridge ?? network) : network;
  const drivers = Object.keys(container.networks).map((name) => topology.networks?.[name]?.driver);
  const dockerless = drivers.every((driver) => driver === "ovs");
  const firstOvs = Object.keys(container.networks).find((name) => topology.networks?.[name]?.driver === "ovs");
  return ovsInterface(bridge, dockerless && firstOvs === network);
}

function planOvsAttachments(ctx: PlanContext, name: string, container: Container, fresh: boolean) {
  for (const [network, attachment] of entries(container.networks)) {
    const definition = ctx.topology.networks?.[network];
    if (definition?.driver !== "ovs") continue;
    const bridge = definition.bridge ?? network;
    const iface = ovsInterfaceFor(ctx.topology, container, network);
    const attached = ctx
      .snapshot(container.host)
      .ovs.find((candidate) => candidate.name === bridge)
      ?.ports.some((port) => port.container === name);
    if (attached && !fresh) continue;
    const address = attachment.ip ?? ctx.ipam.containers[name]?.[network]?.ip;
    const subnet = parseCidr(definition.subnet, false);
    if (!address || !subnet) continue;
    const cidr = `${address}/${formatCidr(subnet.cidr).split("/")[1]}`;
    const mtu = ovsInterfaceMtu(ctx.topology, network);
    const stale = attached
      ? ctx.add({
          phase: "attach",
          host: container.host,
          kind: "detach-ovs-port",
          resourceId: `container:${name}@${container.host}:${network}`,
          action: "-",
          cause: t`port of the old container`,
          argv: ovsCmd.detach(bridge, iface, name),
          explain: t`Removes the OVS port ovs-docker made for the previous ${name}: the container is new, and ovs-docker refuses a second port for the same container and interface.`,
          dependsOn: [`container:${name}@${container.host}/run-container`],
        })
      : undefined;
    ctx.add({
      phase: "attach",
      host: container.host,
      kind: "attach-ovs-port",
      resourceId: `container:${name}@${container.host}:${network}`,
      action: "+",
      cause: fresh ? t`new container` : t`not plugged in`,
      missing: fresh,
      argv: ovsCmd.attach(bridge, iface, name, cidr, definition.gateway, mtu),
      explain:
        mtu === undefined
          ? t`Plugs ${name} into OVS bridge ${bridge}: ovs-docker makes a veth pair, puts one end in the container as ${iface} with ${cidr}, and adds the other end to the bridge.`
          : t`Plugs ${name} into OVS bridge ${bridge}: ovs-docker makes a veth pair, puts one end in the container as ${iface} with ${cidr} and MTU ${mtu} (the tunnel's headers must fit in the hosts' 1500 bytes, or full-size packets are dropped), and adds the other end to the bridge.`,
      dependsOn: [
        `container:${name}@${container.host}/run-container`,
        `ovs:${bridge}@${container.host}/create-ovs-bridge`,
        ...(stale ? [stale] : []),
      ],
    });
  }
}

/** Why a running container of ours does not match the design (so it must be re-created), if it does not. */
function containerDifference(
  ctx: PlanContext,
  name: string,
  container: Container,
  observed: ObservedContainer,
): Text | undefined {
  if (observed.image !== container.image) return t`image is ${observed.image}, design says ${container.image}`;
  const published = observed.labels[PUBLISH_LABEL] ?? "";
  const wanted = (container.publish ?? []).join(",");
  if (published !== wanted) return t`published ports are ${published || t`none`}, design says ${wanted || t`none`}`;
  // Found by fuzz:lab (sample seed 20260): a `docker run` on a worker whose swarm attachment timed out
  // leaves the container created but stopped, and the worker forgets the overlay once nothing runs on
  // it, so `docker start` says "network … not found". Run it again instead.
  const swarm = dockerNetworks(ctx, container).find((network) => {
    const definition = ctx.topology.networks?.[network];
    return definition !== undefined && isSwarmOverlay(definition);
  });
  if (!observed.running && swarm)
    return t`stopped on swarm overlay ${swarm}, which a worker forgets while nothing runs on it ('docker start' would say "network not found")`;
  for (const network of dockerNetworks(ctx, container)) {
    const want = pinnedIp(ctx, name, network);
    const have = observed.networks[network]?.ip;
    if (want && have && want !== have) return t`address on ${network} is ${have}, design says ${want}`;
  }
  return undefined;
}

function explainRun(
  ctx: PlanContext,
  name: string,
  container: Container,
  network: string | undefined,
  ip: string | undefined,
): Text {
  const driver = network ? ctx.topology.networks?.[network]?.driver : undefined;
  const predicted = network ? ctx.ipam.containers[name]?.[network]?.ip : undefined;
  const start = network
    ? t`Starts ${name} (${container.image}) on ${container.host} attached to ${network}`
    : t`Starts ${name} (${container.image}) on ${container.host} with no network yet`;
  const address = ip
    ? ip === container.networks[network ?? ""]?.ip
      ? t` with the fixed address ${ip}`
      : t` with ${ip}, the address Docker would give it next (passed explicitly so the result does not depend on timing)`
    : predicted
      ? t`; Docker gives it ${predicted}, the next free address`
      : network
        ? swarmGiven(ctx, network)
        : t``;
  const why = driver === "macvlan" ? t` Its eth0 is a macvlan interface on the parent NIC.` : t``;
  const publish = container.publish ?? [];
  const published = publish.length
    ? t` -p ${publish.join(", ")} publishes ports on ${container.host}: Docker forwards connections to ${container.host}'s address and HOSTPORT (DNAT in iptables) to the container's PORT, which is how containers on other hosts reach it without a shared network.${driver === "macvlan" ? t` On macvlan, Docker publishes nothing: the container is reached at its own address.` : t``}`
    : t``;
  return t`${start}${address}. -itd keeps busybox's shell running in the background.${why}${published}`;
}

function swarmConnect(ctx: PlanContext, network: string): Text {
  const definition = ctx.topology.networks?.[network];
  return definition && isSwarmOverlay(definition) ? t` (address given by swarm at run time)` : t``;
}

/** What the plan says of an address only the engine knows before the run. */
function swarmGiven(ctx: PlanContext, network: string): Text {
  const definition = ctx.topology.networks?.[network];
  return definition && isSwarmOverlay(definition)
    ? t`; address given by swarm at run time (Crossnet reads it back after apply, and the tests use it)`
    : t`; its address is assigned when it starts`;
}

/** Swarm detaches a removed container's task from its overlay asynchronously: wait it out. */
const SWARM_SETTLE = { attempts: 10, delayMs: 500, whenStderr: "is in use by task" };

/** Labelled containers and networks the design no longer has (or has elsewhere): removed, containers first. */
export function planOrphans(ctx: PlanContext): void {
  const containerRemovals: string[] = [];
  const kvStores = designKvStores(ctx);
  for (const host of Object.keys(ctx.topology.hosts)) {
    if (!ctx.reachable(host)) continue;
    for (const observed of ctx.snapshot(host).docker.containers) {
      if (observed.labels[LABEL_KEY] !== ctx.topology.name) continue;
      if (kvStores.has(`${observed.name}@${host}`)) continue;
      const designed = ctx.topology.containers?.[observed.name];
      if (designed && designed.host === host) continue;
      containerRemovals.push(
        ctx.add({
          phase: "remove-containers",
          host,
          kind: "remove-container",
          resourceId: `container:${observed.name}@${host}`,
          action: "-",
          cause: designed ? t`moved to ${designed.host}` : t`not in design`,
          argv: dockerCmd.rm(observed.name),
          explain: t`Removes ${observed.name}, which Crossnet created for this topology but the design no longer has here.`,
        }),
      );
    }
  }
  const removedGlobal = new Set<string>();
  for (const host of Object.keys(ctx.topology.hosts)) {
    if (!ctx.reachable(host)) continue;
    for (const observed of ctx.snapshot(host).docker.networks) {
      if (observed.labels[LABEL_KEY] !== ctx.topology.name) continue;
      const designed = ctx.topology.networks?.[observed.name];
      if (designed) continue;
      const global = observed.scope !== "local";
      if (global && removedGlobal.has(observed.name)) continue;
      removedGlobal.add(observed.name);
      const foreign = (global ? Object.keys(ctx.topology.hosts) : [host]).flatMap((where) =>
        ctx.reachable(where)
          ? ctx
              .snapshot(where)
              .docker.containers.filter(
                (container) => observed.name in container.networks && container.labels[LABEL_KEY] !== ctx.topology.name,
              )
              .map((container) => `${container.name}@${where}`)
          : [],
      );
      if (foreign.length > 0) {
        ctx.conflict({
          host,
          resourceId: `network:${observed.name}@${host}`,
          message: t`network ${observed.name} should go, but containers Crossnet did not create still use it: ${foreign.join(", ")}`,
          hint: t`Disconnect them ('docker network disconnect ${observed.name} CONTAINER') or remove them, then run again. Crossnet never touches containers it did not create.`,
        });
        continue;
      }
      ctx.add({
        phase: "remove-networks",
        host,
        kind: "remove-network",
        resourceId: `network:${observed.name}@${host}`,
        action: "-",
        cause: t`not in design`,
        argv: dockerCmd.networkRm(observed.name),
        ...(observed.scope === "swarm" ? { retry: SWARM_SETTLE } : {}),
        explain: t`Removes network ${observed.name}, which Crossnet created for this topology but the design no longer has.`,
        dependsOn: containerRemovals,
      });
    }
  }
}
