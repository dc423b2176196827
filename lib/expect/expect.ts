import { type Text, t } from "../i18n/text";
import { assignAddresses, type Ipam } from "../topology/ipam";
import { entries, findInterface } from "../topology/model";
import type { Container, Network, Topology } from "../topology/schema";
import { endpointHost, hostCells } from "./hosts";
import { type DefaultRoute, defaultRoute, onLinkHolder } from "./paths";
import { type IpVerdict, kindsOf, mtuCell, serviceCells, type Verdict } from "./services";
import type { CheckKind, ExpectCell, ExpectMatrix } from "./types";

/**
 * Key of a container's docker_gwbridge address in {@link ExpectOptions.addresses} (not a design network:
 * Docker reserves that name). Only its own matters: gwbridge containers do not talk to each other.
 */
export const GWBRIDGE_KEY = "docker_gwbridge";

export type ExpectOptions = {
  /**
   * Addresses read from the hosts (container → network → IPv4), for those only known at run time; under
   * {@link GWBRIDGE_KEY}, a container's docker_gwbridge address.
   */
  addresses?: Record<string, Record<string, string | undefined>>;
  /** The kinds of cells: `both` (the default) is ip and name; a list picks any of {@link CheckKind}. */
  by?: CheckKind | "both" | readonly CheckKind[];
  /** Sources, containers or hosts (`host:NAME`, see {@link hostEndpoint}); default every container. */
  from?: string[];
  /** Targets, containers or hosts (`host:NAME`); default every container. */
  to?: string[];
};

function cellVerdict(verdict: Verdict): Pick<ExpectCell, "expected" | "reasonCode" | "reason"> {
  return {
    expected: verdict.expected,
    reasonCode: verdict.reasonCode,
    reason: verdict.reason,
  };
}

/**
 * Expected reachability for every ordered pair of distinct containers, by IP (one cell per address of
 * the target on the design's networks) and by name, each with its reason. Follows Docker's documented
 * rules: by IP only within a shared network (or across routed bridges); by name only where Docker's DNS
 * knows the target (a shared user-defined network; across hosts only on overlays).
 */
export function expectMatrix(
  topology: Topology,
  options: ExpectOptions = {},
  ipam: Ipam = assignAddresses(topology),
): ExpectMatrix {
  const kinds = kindsOf(options.by);
  const containers = entries(topology.containers);
  const sources = containers.filter(([name]) => !options.from || options.from.includes(name));
  const targets = containers.filter(([name]) => !options.to || options.to.includes(name));
  const hostsIn = (names: string[] | undefined) =>
    (names ?? []).flatMap((name) => {
      const host = endpointHost(name);
      return host !== undefined && Object.hasOwn(topology.hosts, host) ? [host] : [];
    });
  const pairs: ExpectCell[] = [];
  const ipOf = (container: string, network: string) =>
    options.addresses?.[container]?.[network] ?? ipam.containers[container]?.[network]?.ip;
  for (const [fromName, from] of sources)
    for (const [toName, to] of targets) {
      if (fromName === toName) continue;
      const ipVerdicts: IpVerdict[] = [];
      const ipCells: ExpectCell[] = [];
      for (const network of Object.keys(to.networks)) {
        if (!topology.networks?.[network]) continue;
        const address = ipOf(toName, network);
        let verdict = byIp(topology, fromName, from, toName, to, network);
        const holder =
          verdict.expected === "blocked" && address
            ? onLinkHolder(topology, fromName, from, address, ipOf, GWBRIDGE_KEY)
            : undefined;
        if (holder && address) verdict = shadowed(fromName, from.host, toName, address, holder);
        ipVerdicts.push({ network, address, verdict });
        ipCells.push({
          from: fromName,
          to: toName,
          by: "ip",
          target: address ?? `${toName}@${network}`,
          network,
          ...cellVerdict(verdict),
        });
      }
      if (kinds.has("ip")) pairs.push(...ipCells);
      if (kinds.has("name")) {
        const { verdict, network } = byName(topology, fromName, from, toName, to);
        pairs.push({
          from: fromName,
          to: toName,
          by: "name",
          target: toName,
          ...(network ? { network } : {}),
          ...cellVerdict(verdict),
        });
      }
      for (const kind of ["tcp", "udp"] as const)
        if (kinds.has(kind))
          pairs.push(
            ...serviceCells(topology, fromName, from, toName, to, kind, ipVerdicts, () =>
              byName(topology, fromName, from, toName, to),
            ),
          );
      if (kinds.has("mtu"))
        for (const ip of ipCells) {
          const cell = mtuCell(topology, ip, from, to);
          if (cell) pairs.push(cell);
        }
    }
  if (kinds.has("ip"))
    pairs.push(...hostCells(topology, hostsIn(options.from), hostsIn(options.to), sources, targets, ipOf));
  return { pairs };
}

function vlanOf(topology: Topology, host: string, parent: string | undefined): number | undefined {
  return parent ? findInterface(topology.hosts[host], parent)?.vid : undefined;
}

/** Reach over one network both containers are on. */
function overNetwork(
  topology: Topology,
  name: string,
  network: Network,
  from: Container,
  to: Container,
  fromName = "",
  toName = "",
): Verdict {
  const sameHost = from.host === to.host;
  switch (network.driver) {
    case "macvlan": {
      if (sameHost)
        return {
          expected: "reach",
          reasonCode: "same-network",
          reason: t`same macvlan network ${name} on ${from.host}`,
        };
      const a = vlanOf(topology, from.host, network.parent[from.host]);
      const b = vlanOf(topology, to.host, network.parent[to.host]);
      if (a !== b)
        return {
          expected: "blocked",
          reasonCode: "macvlan-vlan-mismatch",
          reason: t`${name}'s parents are on different VLANs (${a ?? t`untagged`} on ${from.host}, ${b ?? t`untagged`} on ${to.host})`,
        };
      return {
        expected: "reach",
        reasonCode: "macvlan-same-segment",
        // Each parent is named with its host: the two are often called alike (ens33 and ens33).
        reason: t`same macvlan network ${name}: the parents ${network.parent[from.host]} on ${from.host} and ${network.parent[to.host]} on ${to.host} share one L2 segment${a ? t` (VLAN ${a})` : t``}`,
      };
    }
    case "bridge":
      if (sameHost)
        return { expected: "reach", reasonCode: "bridge-same-host", reason: t`same bridge ${name} on ${from.host}` };
      if (network.cross_host === "routed") {
        const detour = [from, to]
          .map((container) => ({ container, route: defaultRoute(topology, container) }))
          .find(({ route }) => route.kind !== "host");
        if (detour)
          return {
            expected: "blocked",
            reasonCode: "default-route-elsewhere",
            reason: t`routed bridge ${name} needs the hosts to route, but ${detour.container === from ? fromName : toName}'s default route ${routeText(detour.route)}: ${detour.container === from ? t`the request` : t`the reply`} never reaches ${detour.container.host}`,
          };
        return {
          expected: "reach",
          reasonCode: "routed-bridge",
          reason: t`routed bridge ${name}: ${from.host} routes ${network.subnets?.[to.host] ?? t`the peer subnet`} to ${to.host}`,
        };
      }
      return {
        expected: "blocked",
        reasonCode: "bridge-local-only",
        reason: t`bridge ${name} is local to each host (cross_host: none): ${from.host} and ${to.host} have separate bridges`,
      };
    case "overlay":
      return {
        expected: "reach",
        reasonCode: "same-network",
        reason: t`same overlay network ${name} (VXLAN between hosts)`,
      };
    case "ovs":
      return {
        expected: "reach",
        reasonCode: "same-network",
        reason: t`same OVS network ${name} (bridges joined by ${network.tunnel ?? "vxlan"} tunnels)`,
      };
    default:
      return { expected: "reach", reasonCode: "same-network", reason: t`same ${network.driver} network ${name}` };
  }
}

function byIp(
  topology: Topology,
  fromName: string,
  from: Container,
  toName: string,
  to: Container,
  network: string,
): Verdict {
  const definition = topology.networks?.[network];
  if (definition && network in from.networks)
    return overNetwork(topology, network, definition, from, to, fromName, toName);
  if (
    definition?.driver === "bridge" &&
    definition.cross_host === "routed" &&
    from.host !== to.host &&
    definition.subnets?.[from.host] &&
    definition.subnets[to.host]
  ) {
    const mine = defaultRoute(topology, from);
    const theirs = defaultRoute(topology, to);
    if (mine.kind === "host" && theirs.kind === "host")
      return {
        expected: "reach",
        reasonCode: "routed-via-host",
        reason: t`${fromName}'s default route ${routeText(mine)}, and ${from.host} routes ${definition.subnets[to.host]} (routed bridge ${network}) to ${to.host}; ${toName} answers ${from.host} through its own host`,
      };
  }
  const mine = Object.keys(from.networks).filter((name) => topology.networks?.[name]);
  const drivers = new Set([definition?.driver, ...mine.map((name) => topology.networks?.[name]?.driver)]);
  if (drivers.size === 1 && definition?.driver === "overlay")
    return {
      expected: "blocked",
      reasonCode: "overlay-isolated",
      reason: t`different overlay networks are isolated: ${fromName} is on ${mine.join(", ")}, the address is on ${network}`,
    };
  if (drivers.size === 1 && definition?.driver === "macvlan") {
    const vlans = [
      ...mine.map((name) => {
        const n = topology.networks?.[name];
        return n?.driver === "macvlan" ? vlanOf(topology, from.host, n.parent[from.host]) : undefined;
      }),
      definition.driver === "macvlan" ? vlanOf(topology, to.host, definition.parent[to.host]) : undefined,
    ];
    if (vlans.every((vid) => vid !== undefined))
      return {
        expected: "blocked",
        reasonCode: "vlans-not-routed",
        reason: t`VLAN ${vlans.slice(0, -1).join("/")} and VLAN ${vlans[vlans.length - 1]} are not routed: no router joins ${mine.join(", ")} and ${network}`,
      };
  }
  return {
    expected: "blocked",
    reasonCode: "no-shared-network",
    reason: t`${fromName} is not on ${network} (it is on ${mine.join(", ") || t`no network`}), and nothing routes between them`,
  };
}

/** Where a default route leads, in words (a reason's clause). */
function routeText(route: DefaultRoute): Text {
  if (route.kind === "macvlan")
    return t`goes out through macvlan ${route.network}'s gateway (the one Docker picked among the container's networks), where nothing routes`;
  if (route.kind === "none") return t`is missing (no Docker network with a gateway)`;
  return route.network
    ? t`leads through bridge ${route.network} to its host`
    : t`leads through docker_gwbridge to its host`;
}

/** The ping never leaves the source's own segment: the address is its own, or a neighbour's there. */
function shadowed(
  fromName: string,
  fromHost: string,
  toName: string,
  address: string,
  holder: { holder: string; network: string },
): Verdict {
  return {
    expected: "reach",
    reasonCode: "address-shadowed",
    reason:
      holder.holder === fromName
        ? t`${address} is ${fromName}'s own address on ${holder.network}: the ping answers itself and never reaches ${toName}`
        : t`${address} is also ${holder.holder}'s address on ${holder.network}, on ${fromName}'s own segment (${fromHost}): ${holder.holder} answers, not ${toName}`,
  };
}

/** Docker's DNS answers a container name only for containers on a network the asker is on. */
function byName(
  topology: Topology,
  fromName: string,
  from: Container,
  toName: string,
  to: Container,
): { verdict: Verdict; network?: string } {
  const shared = Object.keys(from.networks).filter((name) => name in to.networks && topology.networks?.[name]);
  if (shared.length === 0)
    return {
      verdict: {
        expected: "blocked",
        reasonCode: "dns-no-shared-network",
        reason: t`${fromName} and ${toName} share no network, so Docker's DNS does not know ${toName} (ping: bad address)`,
      },
    };
  let fallback: { verdict: Verdict; network: string } | undefined;
  for (const name of shared) {
    const network = topology.networks?.[name];
    if (!network) continue;
    const sameHost = from.host === to.host;
    const resolves =
      network.driver === "overlay" ||
      network.driver === "weave" ||
      (sameHost && (network.driver === "bridge" || network.driver === "macvlan" || network.driver === "calico"));
    if (resolves) {
      const ip = overNetwork(topology, name, network, from, to, fromName, toName);
      return {
        network: name,
        verdict:
          ip.expected === "reach"
            ? {
                expected: "reach",
                reasonCode: "dns-shared-network",
                reason: t`Docker's DNS resolves ${toName} on ${name}; ${ip.reason}`,
              }
            : ip,
      };
    }
    fallback ??= { network: name, verdict: nameBlocked(network, name, toName, from.host, to.host) };
  }
  return (
    fallback ?? { verdict: { expected: "blocked", reasonCode: "dns-no-shared-network", reason: t`no shared network` } }
  );
}

function nameBlocked(network: Network, name: string, toName: string, fromHost: string, toHost: string): Verdict {
  if (network.driver === "macvlan")
    return {
      expected: "blocked",
      reasonCode: "dns-macvlan-across-hosts",
      reason: t`no DNS across hosts on macvlan: ${fromHost}'s Docker does not know ${toName} on ${toHost} (ping: bad address); use the IP`,
    };
  if (network.driver === "bridge")
    return {
      expected: "blocked",
      reasonCode: "dns-bridge-across-hosts",
      reason: t`Docker's DNS on bridge ${name} only knows containers of ${fromHost}; ${toName} runs on ${toHost}`,
    };
  if (network.driver === "ovs" || network.driver === "flannel")
    return {
      expected: "blocked",
      reasonCode: "dns-not-on-docker-network",
      reason: t`${name} (${network.driver}) is not a Docker network, so Docker's DNS has no names for it`,
    };
  return {
    expected: "blocked",
    reasonCode: "dns-same-host-only",
    reason: t`Docker's DNS on ${name} (${network.driver}) only knows containers of the same host`,
  };
}
