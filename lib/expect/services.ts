import { type Text, t } from "../i18n/text";
import { entries, interfacesOf, ovsInterfaceMtu, underlayPath } from "../topology/model";
import { type Container, type Network, parsePublish, type Topology } from "../topology/schema";
import { defaultRoute } from "./paths";
import type { CheckKind, ExpectCell, ReasonCode } from "./types";

/** A verdict as `expect` builds it: expected result, its code and its reason. */
export type Verdict = { expected: "reach" | "blocked"; reasonCode: ReasonCode; reason: Text };

/** The by-IP verdict of one target network, and the address there (as the ip cells have them). */
export type IpVerdict = { network: string; address: string | undefined; verdict: Verdict };

/**
 * The tcp/udp cells of one ordered pair: each service of the target at its address on each of its
 * networks (reached or not as a ping by IP would be, since a connection takes the same path), then each
 * port the target publishes, at its host's address, from a source on another host. Pure.
 */
export function serviceCells(
  topology: Topology,
  fromName: string,
  from: Container,
  toName: string,
  to: Container,
  kind: "tcp" | "udp",
  ipVerdicts: readonly IpVerdict[],
  nameVerdict?: () => { verdict: Verdict; network?: string },
): ExpectCell[] {
  const cells: ExpectCell[] = [];
  const published = (to.publish ?? []).flatMap((entry) => {
    const parsed = parsePublish(entry);
    return parsed && parsed.proto === kind ? [parsed] : [];
  });
  for (const service of to.services ?? []) {
    if (service.proto !== kind) continue;
    for (const { network, address, verdict } of ipVerdicts) {
      const publishedAs = published.find((entry) => entry.port === service.port);
      const reason =
        verdict.expected === "reach"
          ? t`${verdict.reason}; ${toName} listens on ${kind} ${service.port}`
          : publishedAs
            ? t`${verdict.reason}; ${kind} ${service.port} is published on ${to.host} as ${publishedAs.hostPort}: connect there instead`
            : t`${verdict.reason}; and ${kind} ${service.port} is not published on ${to.host}, so nothing forwards it from outside ${network}`;
      cells.push({
        from: fromName,
        to: toName,
        by: kind,
        target: `${address ?? `${toName}@${network}`}:${service.port}`,
        port: service.port,
        network,
        expected: verdict.expected,
        reasonCode: verdict.reasonCode,
        reason,
      });
    }
    // By name, as an application would connect: where Docker's DNS knows the target (see byName).
    if (nameVerdict) {
      const { verdict, network } = nameVerdict();
      const reason =
        verdict.expected === "reach"
          ? t`${verdict.reason}; ${toName} listens on ${kind} ${service.port}`
          : verdict.reason;
      cells.push({
        from: fromName,
        to: toName,
        by: kind,
        target: `${toName}:${service.port}`,
        port: service.port,
        ...(network ? { network } : {}),
        expected: verdict.expected,
        reasonCode: verdict.reasonCode,
        reason,
      });
    }
  }
  if (from.host === to.host) return cells;
  for (const entry of published) {
    const path = underlayPath(topology.hosts[from.host], topology.hosts[to.host]);
    const address = entry.address && entry.address !== "0.0.0.0" ? entry.address : path?.toAddress;
    const fallback = interfacesOf(topology.hosts[to.host] ?? { nics: {} }).find((iface) => iface.address)?.address;
    const target = address ?? fallback?.split("/")[0];
    if (!target) continue;
    const verdict = publishedVerdict(topology, fromName, from, toName, to, entry, target, Boolean(path), kind);
    cells.push({
      from: fromName,
      to: toName,
      by: kind,
      target: `${target}:${entry.hostPort}`,
      port: entry.hostPort,
      expected: verdict.expected,
      reasonCode: verdict.reasonCode,
      reason: verdict.reason,
    });
  }
  return cells;
}

function publishedVerdict(
  topology: Topology,
  fromName: string,
  from: Container,
  toName: string,
  to: Container,
  entry: { hostPort: number; port: number },
  target: string,
  underlay: boolean,
  kind: "tcp" | "udp",
): Verdict {
  const route = defaultRoute(topology, from);
  const listens = (to.services ?? []).some((service) => service.proto === kind && service.port === entry.port);
  const dockerNetworks = Object.keys(to.networks).filter((name) => {
    const driver = topology.networks?.[name]?.driver;
    return driver === "bridge" || driver === "overlay";
  });
  if (route.kind !== "host")
    return {
      expected: "blocked",
      reasonCode: "published-no-route",
      reason:
        route.kind === "macvlan"
          ? t`${fromName}'s default route goes out through macvlan ${route.network}'s gateway, where nothing routes to ${to.host}'s ${target}`
          : t`${fromName} has no default route, so it cannot reach ${to.host}'s ${target}`,
    };
  if (!underlay)
    return {
      expected: "blocked",
      reasonCode: "published-no-route",
      reason: t`${from.host} and ${to.host} share no subnet, so ${from.host} has no route to ${to.host}'s ${target}`,
    };
  if (dockerNetworks.length === 0)
    return {
      expected: "blocked",
      reasonCode: "published-no-service",
      reason: t`${toName} is on no bridge or overlay network, so Docker's -p forwards nothing to it`,
    };
  if (!listens)
    return {
      expected: "blocked",
      reasonCode: "published-no-service",
      reason: t`${to.host} forwards ${kind} ${entry.hostPort} to ${toName}:${entry.port}, but the design has no service on ${kind} ${entry.port} there (refused)`,
    };
  return {
    expected: "reach",
    reasonCode: "published-port",
    reason: t`${fromName} leaves through its host ${from.host} (NAT), and ${to.host} forwards ${kind} ${entry.hostPort} on ${target} to ${toName}:${entry.port} (docker run -p)`,
  };
}

/**
 * The path MTU Docker's network gives a pair, and why (packets larger than it need fragments).
 * `interfaceMtu`: what the plan sets on the containers' interfaces of an OVS network that tunnels
 * between hosts ({@link ovsInterfaceMtu}); it bounds pairs on one host too.
 */
export function pathMtu(
  network: Network,
  name: string,
  sameHost: boolean,
  interfaceMtu?: number,
): { mtu: number; why: Text } {
  switch (network.driver) {
    case "overlay":
      return { mtu: 1450, why: t`overlay ${name}: containers' interfaces are 1450, leaving room for VXLAN's 50 bytes` };
    case "ovs":
      if (interfaceMtu === undefined)
        return { mtu: 1500, why: t`OVS bridge ${name} on one host: no tunnel on the path` };
      return network.tunnel === "gre"
        ? { mtu: 1462, why: t`OVS network ${name} tunnels through GRE, whose 38 bytes come off 1500` }
        : { mtu: 1450, why: t`OVS network ${name} tunnels through VXLAN, whose 50 bytes come off 1500` };
    case "flannel":
    case "weave":
      return sameHost
        ? { mtu: 1500, why: t`${network.driver} ${name} on one host` }
        : { mtu: 1450, why: t`${network.driver} ${name} encapsulates between hosts (VXLAN)` };
    default:
      return { mtu: 1500, why: t`${network.driver} ${name}: no encapsulation, Ethernet's 1500` };
  }
}

/** The mtu cell of one reachable ip cell (none for a blocked or shadowed one: there is no path to measure). */
export function mtuCell(topology: Topology, ip: ExpectCell, from: Container, to: Container): ExpectCell | undefined {
  if (ip.expected !== "reach" || ip.reasonCode === "address-shadowed" || !ip.network) return undefined;
  const network = topology.networks?.[ip.network];
  if (!network) return undefined;
  const { mtu, why } = pathMtu(network, ip.network, from.host === to.host, ovsInterfaceMtu(topology, ip.network));
  const reason = t`packets up to ${mtu} bytes pass with DF set: ${why}`;
  return {
    from: ip.from,
    to: ip.to,
    by: "mtu",
    target: ip.target,
    network: ip.network,
    expectedMtu: mtu,
    expected: "reach",
    reasonCode: "path-mtu",
    reason,
  };
}

/** The kinds a `by` option asks for: `both` (the default) is ip and name. */
export function kindsOf(by: CheckKind | "both" | readonly CheckKind[] | undefined): ReadonlySet<CheckKind> {
  if (by === undefined || by === "both") return new Set(["ip", "name"]);
  if (typeof by === "string") return new Set([by]);
  return new Set(by);
}

/** Containers' names with at least one service or published port (the tcp/udp targets). */
export function serviceTargets(topology: Topology): string[] {
  return entries(topology.containers)
    .filter(([, container]) => (container.services?.length ?? 0) > 0 || (container.publish?.length ?? 0) > 0)
    .map(([name]) => name);
}
