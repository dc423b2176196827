import "server-only";
import { endpointHost, hostOfEndpoint } from "../expect/hosts";
import type { ExpectCell } from "../expect/types";
import { type Text, t } from "../i18n/text";
import { forwardAcceptSpec } from "../plan/commands";
import type { HostSnapshot, Observed, ObservedContainer } from "../plan/observed";
import { findInterface, underlayPath } from "../topology/model";
import type { BridgeNetwork, MacvlanNetwork, Network, Topology } from "../topology/schema";
import type { ProbeCell } from "./types";

type Context = {
  cell: ProbeCell;
  expectation: ExpectCell;
  topology: Topology;
  observed: Observed;
  fromHost: string;
  toHost: string;
};

/**
 * Why a failed cell failed, in one sentence a learner can act on, from what Crossnet can see: the
 * design, the expectation's reason and the observed state of the hosts (reachable?, containers
 * running and attached?, parent NICs present, up and promiscuous?, VLAN ids, routes, forwarding,
 * DOCKER-USER rules, swarm and cluster-store membership). Pure: no host is asked anything here.
 * Checks run from the most basic (host down, container stopped) to the most specific, and the
 * first cause found is the answer; when none is found it says so rather than guess. A translatable Text
 * (lib/i18n): each edge renders it in its reader's language.
 */
export function diagnoseCellText(
  cell: ProbeCell,
  expectation: ExpectCell,
  topology: Topology,
  observed: Observed,
): Text {
  const fromHost = hostOfEndpoint(topology, cell.from) ?? cell.host;
  const toHost = hostOfEndpoint(topology, cell.to) ?? cell.host;
  const ctx: Context = { cell, expectation, topology, observed, fromHost, toHost };
  const down = hostDown(ctx, fromHost);
  if (down) return down;
  if (endpointHost(cell.from) !== undefined || endpointHost(cell.to) !== undefined) return whyHostCell(ctx);
  if (cell.actual === "error") return whyNoProbe(ctx);
  const check = whyCheckFailed(ctx);
  if (check) return check;
  if (cell.expected === "reach") return whyBlocked(ctx);
  return whyReached(ctx);
}

/** The short form of an isolation reason, as the tutorial would say it: a translatable Text. */
export function isolationPhraseText(expectation: Pick<ExpectCell, "reasonCode" | "reason">): Text {
  switch (expectation.reasonCode) {
    case "overlay-isolated":
      return t`the two overlays are isolated by design`;
    case "dns-macvlan-across-hosts":
      return t`no DNS across hosts on macvlan: use the IP`;
    case "vlans-not-routed": {
      const [a, b] = expectation.reason.args;
      if (typeof a === "string" && typeof b === "string") return t`VLAN ${a} and VLAN ${b} are not routed`;
      return expectation.reason;
    }
    default:
      return expectation.reason;
  }
}

function hostDown(ctx: Context, host: string): Text | undefined {
  const snapshot = ctx.observed[host];
  if (snapshot && !snapshot.reachable) return t`host ${host} unreachable: ${snapshot.error ?? t`no answer`}`;
  return undefined;
}

function containerOn(ctx: Context, name: string, host: string): ObservedContainer | undefined {
  return ctx.observed[host]?.docker.containers.find((container) => container.name === name);
}

/** "container X is not running" / "does not exist on H", or nothing when it runs (or the host was not read). */
function containerProblem(ctx: Context, name: string, host: string): Text | undefined {
  const snapshot = ctx.observed[host];
  if (!snapshot?.reachable) return undefined;
  const container = containerOn(ctx, name, host);
  if (!container) return t`container ${name} does not exist on ${host} (crossnet apply creates it)`;
  if (!container.running) return t`container ${name} is not running (docker start ${name} on ${host})`;
  return undefined;
}

function whyNoProbe(ctx: Context): Text {
  const { cell, fromHost, toHost } = ctx;
  const source = containerProblem(ctx, cell.from, fromHost);
  if (source) return source;
  if (cell.target.includes("@")) {
    const target = hostDown(ctx, toHost) ?? containerProblem(ctx, cell.to, toHost) ?? attachment(ctx, cell.to, toHost);
    if (target) return target;
  }
  return t`the probe could not run on ${fromHost}: ${cell.error ?? t`no result`}`;
}

/**
 * tcp, udp and mtu cells: a reset says the port is closed (the path works), an MTU short of the
 * expected one is a black hole when the source's interface claims more than the path carries.
 */
function whyCheckFailed(ctx: Context): Text | undefined {
  const { cell, fromHost, toHost } = ctx;
  if (cell.mtu && cell.actual === "reach" && cell.mtu.path !== null) {
    const { path, expected } = cell.mtu;
    const claimed = cell.mtu.interface ?? expected;
    if (path < claimed)
      return t`MTU black hole: ${cell.from}'s route to ${cell.target} claims ${claimed} bytes, but only ${path} pass with DF set; larger packets vanish without an ICMP "fragmentation needed" (an interface MTU set above the path's: set it to ${path}, or lower the MTU where the path narrows)`;
    if (path < expected)
      return t`the path to ${cell.target} carries ${path} bytes, less than the ${expected} expected: ${cell.from}'s interface MTU is ${claimed} (lowered by hand, or by the network's settings)`;
    return t`the path to ${cell.target} carries ${path} bytes, more than the ${expected} expected: the network's MTU is set higher than Crossnet assumes`;
  }
  if ((cell.by !== "tcp" && cell.by !== "udp") || cell.expected !== "reach") return undefined;
  const basic =
    hostDown(ctx, toHost) ?? containerProblem(ctx, cell.from, fromHost) ?? containerProblem(ctx, cell.to, toHost);
  if (basic) return basic;
  if (cell.error?.startsWith("refused"))
    return cell.reasonCode === "published-port"
      ? t`refused: ${toHost} forwards port ${cell.port ?? 0} to ${cell.to}, but nothing listens there (the service is not running in ${cell.to}, or listens on another port than the one published)`
      : t`refused: nothing listens on ${cell.by} ${cell.port ?? 0} in ${cell.to}; the path works (the reset came back), the service is not running`;
  if (cell.reasonCode === "published-port")
    return t`filtered: no answer from ${cell.target}; ${toHost} may not publish that port (docker port ${cell.to}) or a firewall drops it`;
  return undefined;
}

/** A cell with a host as source or target: the container side first, then the expectation's own rule. */
function whyHostCell(ctx: Context): Text {
  const { cell, expectation, fromHost, toHost } = ctx;
  const container =
    endpointHost(cell.from) === undefined ? { name: cell.from, host: fromHost } : { name: cell.to, host: toHost };
  const basic = hostDown(ctx, toHost) ?? containerProblem(ctx, container.name, container.host);
  if (basic) return basic;
  if (cell.actual === "error") return t`the probe could not run on ${fromHost}: ${cell.error ?? t`no result`}`;
  if (cell.expected === "reach")
    return t`expected reach (${expectation.reason}), but got ${cell.received} of ${cell.sent} replies${cell.error ? `, ${cell.error}` : ""}; the design and the hosts' observed state show no cause`;
  return t`expected isolation (${expectation.reason}), but it reached`;
}

function whyBlocked(ctx: Context): Text {
  const { cell, expectation, topology, fromHost, toHost } = ctx;
  const basic =
    hostDown(ctx, toHost) ??
    containerProblem(ctx, cell.from, fromHost) ??
    containerProblem(ctx, cell.to, toHost) ??
    attachment(ctx, cell.from, fromHost) ??
    attachment(ctx, cell.to, toHost);
  if (basic) return basic;
  const name = expectation.network;
  const network = name ? topology.networks?.[name] : undefined;
  const specific = name && network ? byDriver(ctx, name, network) : undefined;
  if (specific) return specific;
  if (cell.by === "name" && unresolved(cell))
    return t`Docker's DNS on ${fromHost} did not resolve ${cell.to} (${cell.error ?? ""}) although both are on ${name ?? t`a shared network`}`;
  const replies = t`${cell.received} of ${cell.sent} replies${cell.error ? `, ${cell.error}` : ""}`;
  return t`expected reach (${expectation.reason}), but got ${replies}; the design and the hosts' observed state show no cause`;
}

function whyReached(ctx: Context): Text {
  const { cell, expectation, fromHost } = ctx;
  const head = t`expected isolation (${isolationPhraseText(expectation)}), but it reached`;
  const network = cell.by === "ip" ? expectation.network : undefined;
  if (network && !ctx.topology.containers?.[cell.from]?.networks[network]) {
    const container = containerOn(ctx, cell.from, fromHost);
    if (container?.networks[network])
      return t`${head}: ${cell.from} is attached to ${network} on ${fromHost}, which the design does not say (drift: crossnet status shows it)`;
  }
  if (expectation.reasonCode === "vlans-not-routed" || expectation.reasonCode === "no-shared-network") {
    const router = routerBetween(ctx, network);
    if (router) return t`${head}: ${router}`;
  }
  return head;
}

/**
 * A host that owns the gateway addresses of the source's network and of the target's, and forwards:
 * it routes between them (the tutorial's gateway + NAT set-up does exactly that).
 */
function routerBetween(ctx: Context, target: string | undefined): Text | undefined {
  const mine = Object.keys(ctx.topology.containers?.[ctx.cell.from]?.networks ?? {});
  const gateways = (name: string) => {
    const network = ctx.topology.networks?.[name];
    return network && "gateway" in network && network.gateway ? [network.gateway] : [];
  };
  const theirs = target ? gateways(target) : [];
  const ours = mine.flatMap(gateways);
  for (const snapshot of Object.values(ctx.observed)) {
    if (!snapshot.reachable || !snapshot.ipForward) continue;
    const owned = (address: string) =>
      snapshot.links.find((link) => link.addresses.some((cidr) => cidr.split("/")[0] === address));
    const a = ours.find(owned);
    const b = theirs.find(owned);
    if (a && b)
      return t`${snapshot.host} has the gateways of both networks (${a} on ${owned(a)?.name ?? ""}, ${b} on ${owned(b)?.name ?? ""}) and forwards between them`;
  }
  return undefined;
}

function unresolved(cell: ProbeCell): boolean {
  return /bad address|name resolution|not known|no address associated/i.test(cell.error ?? "");
}

/** A container that should be on the cell's network but is not attached to it on its host. */
function attachment(ctx: Context, name: string, host: string): Text | undefined {
  const network = ctx.expectation.network;
  if (!network || !ctx.topology.containers?.[name]?.networks[network]) return undefined;
  const container = containerOn(ctx, name, host);
  if (!container?.running || container.networks[network]) return undefined;
  const definition = ctx.topology.networks?.[network];
  const others = Object.keys(container.networks).filter((other) => ctx.topology.networks?.[other]);
  const isolated =
    definition?.driver === "overlay" &&
    others.some((other) => ctx.topology.networks?.[other]?.driver === "overlay") &&
    ctx.cell.from === name;
  const why = isolated ? t`; it is only on ${others.join(", ")} and the two overlays are isolated by design` : "";
  return t`${name} is not attached to ${network} on ${host}${why} (docker network connect ${network} ${name}, or crossnet apply)`;
}

function byDriver(ctx: Context, name: string, network: Network): Text | undefined {
  switch (network.driver) {
    case "macvlan":
      return macvlanCause(ctx, name, network);
    case "bridge":
      return network.cross_host === "routed" && ctx.fromHost !== ctx.toHost
        ? routedCause(ctx, name, network)
        : undefined;
    case "overlay":
      return overlayCause(ctx, name, network);
    default:
      return undefined;
  }
}

function macvlanCause(ctx: Context, name: string, network: MacvlanNetwork): Text | undefined {
  const { cell, topology, fromHost, toHost } = ctx;
  if (cell.by === "name" && fromHost !== toHost && unresolved(cell))
    return t`no DNS across hosts on macvlan: use the IP (${fromHost}'s Docker does not know ${cell.to})`;
  const hosts = [...new Set([fromHost, toHost])];
  for (const host of hosts) {
    const snapshot = ctx.observed[host];
    const parent = network.parent[host];
    if (!snapshot?.reachable || !parent) continue;
    if (!snapshot.docker.networks.some((candidate) => candidate.name === name))
      return t`network ${name} does not exist on ${host} (crossnet apply creates it)`;
    const link = snapshot.links.find((candidate) => candidate.name === parent);
    if (!link) return t`parent NIC ${parent} of ${host} is missing`;
    if (!link.up) return t`parent NIC ${parent} of ${host} is down`;
    const designed = findInterface(topology.hosts[host], parent);
    const baseName = link.parent ?? designed?.nic ?? parent;
    const base = snapshot.links.find((candidate) => candidate.name === baseName) ?? link;
    if (!base.promisc && (designed?.promisc ?? true))
      return t`parent NIC ${base.name} of ${host} is not promiscuous (ip link set ${base.name} promisc on)`;
  }
  if (hosts.length === 2) {
    const [a, b] = hosts.map((host) => vlanOf(ctx.observed[host], network.parent[host]));
    if (a !== b)
      return t`the parents are on different VLANs (${a ?? t`untagged`} on ${fromHost}, ${b ?? t`untagged`} on ${toHost})`;
  }
  return undefined;
}

function vlanOf(snapshot: HostSnapshot | undefined, parent: string | undefined): number | undefined {
  return snapshot?.links.find((link) => link.name === parent)?.vid;
}

function routedCause(ctx: Context, name: string, network: BridgeNetwork): Text | undefined {
  const { topology, fromHost, toHost } = ctx;
  const subnets = network.subnets ?? {};
  const pairs: [string, string][] = [
    [fromHost, toHost],
    [toHost, fromHost],
  ];
  for (const [host, peer] of pairs) {
    const snapshot = ctx.observed[host];
    const theirs = subnets[peer];
    if (!snapshot?.reachable || !theirs) continue;
    if (!snapshot.routes.some((route) => route.dst === theirs))
      return t`no route between the bridge subnets of ${fromHost} and ${toHost} (route to ${theirs} missing on ${host})`;
  }
  for (const host of [fromHost, toHost]) {
    const snapshot = ctx.observed[host];
    if (snapshot?.reachable && !snapshot.ipForward)
      return t`IP forwarding is off on ${host} (net.ipv4.ip_forward=0), so it does not pass packets between its NIC and bridge ${network.bridge ?? name}`;
  }
  for (const [host, peer] of pairs) {
    const snapshot = ctx.observed[host];
    const path = underlayPath(topology.hosts[host], topology.hosts[peer]);
    if (!snapshot?.reachable || !path) continue;
    const bridge = network.bridge ?? name;
    const accept = forwardAcceptSpec(path.fromIface, bridge, topology.name);
    const present = snapshot.rules.some(
      (rule) =>
        rule.table === "filter" &&
        rule.chain === "DOCKER-USER" &&
        rule.spec.length === accept.length &&
        rule.spec.every((part, index) => part === accept[index]),
    );
    if (!present)
      return t`Docker's FORWARD policy drops packets from ${path.fromIface} into bridge ${bridge} on ${host} (the DOCKER-USER ACCEPT rule is missing)`;
  }
  return undefined;
}

function overlayCause(ctx: Context, name: string, network: Network & { driver: "overlay" }): Text | undefined {
  for (const host of [...new Set([ctx.fromHost, ctx.toHost])]) {
    const snapshot = ctx.observed[host];
    if (!snapshot?.reachable) continue;
    const control = network.control ?? "swarm";
    if (control === "swarm" && snapshot.docker.swarm.state !== "active")
      return t`${host} is not in the swarm, so overlay ${name} does not reach it (crossnet apply joins it)`;
    if (control !== "swarm" && !snapshot.docker.clusterStore)
      return t`${host}'s dockerd runs without --cluster-store, so overlay ${name} has no control plane there`;
  }
  return undefined;
}
