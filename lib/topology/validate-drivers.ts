import { t } from "../i18n/text";
import { type Cidr, contains, formatCidr, parseCidr, parseIp } from "./ip";
import type { Ipam } from "./ipam";
import type { Issue } from "./issues";
import {
  containersOn,
  entries,
  findInterface,
  isSwarmOverlay,
  kvOf,
  networkHosts,
  primaryAddress,
  underlayPath,
} from "./model";
import { say } from "./said";
import type { OverlayNetwork, Topology } from "./schema";

type Report = (issue: Issue) => void;

/** Driver rules: what Docker refuses, what it silently does differently, and what a learner should know. */
export function validateDrivers(topology: Topology, ipam: Ipam, report: Report): void {
  checkMacvlan(topology, ipam, report);
  checkOverlay(topology, report);
  checkUnderlay(topology, report);
  for (const [name, network] of entries(topology.networks)) {
    if (network.driver === "flannel" || network.driver === "weave" || network.driver === "calico")
      report({
        code: "third-party-driver",
        severity: "info",
        path: ["networks", name, "driver"],
        ...say(
          t`${network.driver} is a third-party network: its software must be installed on every host`,
          THIRD_PARTY_HINTS[network.driver],
        ),
      });
    if (isSwarmOverlay(network)) {
      const runtime = containersOn(topology, name).filter(
        ([containerName, container]) =>
          !container.networks[name]?.ip && ipam.containers[containerName]?.[name]?.source === "runtime",
      );
      if (runtime.length > 0)
        report({
          code: "swarm-ip-runtime",
          severity: "info",
          path: ["networks", name],
          ...say(
            t`swarm assigns the addresses on '${name}' when containers start, not in order (.2, .4, .6 …): ${runtime.map(([c]) => c).join(", ")}`,
            t`Crossnet reads the real addresses back after apply and tests those. To know them in advance, set a subnet, an ip_range, and fixed ips outside the range.`,
          ),
        });
      checkSwarmFixed(topology, name, network, report);
    }
  }
}

/**
 * Swarm takes one address per node per overlay for its load-balancer endpoint (`lb-NET`) when the node
 * first attaches, from the dynamic pool (the ip_range, or the whole subnet). A fixed address there can be
 * that one: `docker run --ip` then waits ~20 s and fails with "context deadline exceeded".
 */
function checkSwarmFixed(topology: Topology, name: string, network: OverlayNetwork, report: Report) {
  const subnet = network.subnet ? parseCidr(network.subnet, false)?.cidr : undefined;
  if (!subnet) return;
  const range = network.ip_range ? parseCidr(network.ip_range, false)?.cidr : undefined;
  const fixed = containersOn(topology, name).flatMap(([containerName, container]) => {
    const ip = container.networks[name]?.ip;
    const value = ip ? parseIp(ip) : undefined;
    return ip && value !== undefined ? [{ containerName, ip, value }] : [];
  });
  if (!range) {
    if (fixed.length === 0) return;
    report({
      code: "swarm-fixed-address",
      severity: "warning",
      path: ["networks", name],
      ...say(
        t`swarm takes one address of '${name}' per node for its load balancer (lb-${name}) when the node first attaches; the fixed addresses of ${fixed.map((f) => f.containerName).join(", ")} may be the one it takes`,
        t`Add an ip_range to '${name}'${suggestRange(
          subnet,
          fixed.map((f) => f.value),
        )} and keep the fixed addresses outside it: swarm then draws its own addresses from the range only.`,
      ),
    });
    return;
  }
  for (const { containerName, ip, value } of fixed)
    if (contains(range, value))
      report({
        code: "swarm-fixed-address",
        severity: "warning",
        path: ["containers", containerName, "networks", name, "ip"],
        ...say(
          t`fixed address ${ip} of '${containerName}' is inside ip_range ${network.ip_range ?? ""} of '${name}', where swarm draws its load-balancer and other addresses`,
          t`Pick an address of the subnet outside the ip_range.`,
        ),
      });
}

/** Half of the subnet that holds none of the fixed addresses, as a ready-made suggestion. */
function suggestRange(subnet: Cidr, fixed: number[]) {
  if (subnet.prefix >= 30) return t``;
  const size = 2 ** (32 - subnet.prefix - 1);
  for (const half of [subnet.network + size, subnet.network]) {
    const candidate = { network: half, prefix: subnet.prefix + 1 };
    if (!fixed.some((value) => contains(candidate, value))) return t` (e.g. ${formatCidr(candidate)})`;
  }
  return t``;
}

const THIRD_PARTY_HINTS = {
  flannel: t`flanneld needs an etcd and rewrites each Docker daemon's --bip; the plan shows the commands for real hosts.`,
  weave: t`Weave Net is archived (weaveworks/weave #4003); the rajch/weave fork keeps it alive. The plan shows the commands for real hosts.`,
  calico: t`Calico's Docker (libnetwork) plugin was removed in Calico 3.0; the last line that supports it is 2.6.x. The plan shows the 2.6 commands.`,
} as const;

function checkMacvlan(topology: Topology, ipam: Ipam, report: Report) {
  const parentUse = new Map<string, string>();
  for (const [name, network] of entries(topology.networks)) {
    if (network.driver !== "macvlan") continue;
    if (!network.subnet)
      report({
        code: "macvlan-no-subnet",
        severity: "warning",
        path: ["networks", name],
        ...say(
          t`macvlan network '${name}' has no subnet: each host's Docker would pick one from its own pools`,
          t`Containers on a macvlan join the physical network: set the subnet (and gateway) of that network.`,
        ),
      });
    for (const [host, parent] of entries(network.parent)) {
      const key = `${host}\u0000${parent}`;
      const other = parentUse.get(key);
      if (other)
        report({
          code: "parent-in-use",
          severity: "error",
          path: ["networks", name, "parent", host],
          ...say(
            t`on ${host}, '${name}' uses parent ${parent}, which '${other}' already uses; Docker refuses it: "network ${other} is already using parent interface ${parent}"`,
            t`One NIC takes one macvlan network. Use a VLAN sub-interface instead (e.g. ${parent}.10 and ${parent}.20), one per network.`,
          ),
        });
      else parentUse.set(key, name);
      const iface = findInterface(topology.hosts[host], parent);
      if (iface && !iface.promisc)
        report({
          code: "parent-not-promisc",
          severity: "warning",
          path: ["hosts", host, "nics", iface.nic, "promisc"],
          ...say(
            t`NIC ${iface.nic} of ${host} carries macvlan '${name}' but is not in promiscuous mode`,
            t`Each macvlan container has its own MAC address; a NIC that is not promiscuous may drop frames addressed to them. Set promisc: true (ip link set NIC promisc on).`,
          ),
        });
    }
    const members = containersOn(topology, name);
    const [first] = members;
    // The example is this design's own: a container on another host than the first one, and its address.
    const other = first && members.find(([, container]) => container.host !== first[1].host);
    if (first && other) {
      const ip = ipam.containers[other[0]]?.[name]?.ip;
      report({
        code: "macvlan-no-dns-across-hosts",
        severity: "info",
        path: ["networks", name],
        ...say(
          t`containers of '${name}' on different hosts cannot find each other by name`,
          ip
            ? t`Docker's DNS only knows the containers of its own host on a macvlan network: across hosts, use IP addresses (from ${first[0]}, ping ${ip} works, ping ${other[0]} says 'bad address').`
            : t`Docker's DNS only knows the containers of its own host on a macvlan network: across hosts, use IP addresses (from ${first[0]}, ping ${other[0]}'s address works, ping ${other[0]} says 'bad address').`,
        ),
      });
    }
  }
}

function checkOverlay(topology: Topology, report: Report) {
  const controlOfHost = new Map<string, { control: string; network: string }>();
  const unaddressed = new Set<string>();
  for (const [name, network] of entries(topology.networks)) {
    if (network.driver !== "overlay") continue;
    if (!network.control) {
      report({
        code: "overlay-no-control",
        severity: "error",
        path: ["networks", name, "control"],
        ...say(
          t`overlay network '${name}' has no control plane`,
          t`Overlays need the hosts to agree on networks and addresses: set control: swarm (today's Docker) or control: { kv: etcd://HOST:2379 }.`,
        ),
      });
      continue;
    }
    const kv = kvOf(network);
    if (kv) {
      report({
        code: "overlay-kv-removed",
        severity: "warning",
        path: ["networks", name, "control"],
        ...say(
          t`overlay '${name}' uses a KV store (${kv}): the --cluster-store way was removed in Docker 23.0`,
          t`It still runs on Docker 20.10 and older (the lab has 20.10). On today's Docker use control: swarm with an attachable overlay.`,
        ),
      });
      const kvHost = kv.replace(/^[a-z]+:\/\//, "").replace(/:[0-9]+$/, "");
      if (!(kvHost in topology.hosts) && !/^[0-9.]+$/.test(kvHost))
        report({
          code: "kv-host-unknown",
          severity: "error",
          path: ["networks", name, "control", "kv"],
          ...say(
            t`KV store host '${kvHost}' is neither a host of this design nor an IP address`,
            t`Use a host name (${Object.keys(topology.hosts).join(", ")}) or an IP address.`,
          ),
        });
      else if (kvHost in topology.hosts && !primaryAddress(topology.hosts[kvHost]))
        report({
          code: "no-underlay-path",
          severity: "error",
          path: ["hosts", kvHost, "nics"],
          ...say(
            t`KV store host '${kvHost}' has no NIC address for the other hosts to reach`,
            t`Give one of its NICs an address.`,
          ),
        });
    }
    const control = kv ?? "swarm";
    const kvHost = kv?.replace(/^[a-z]+:\/\//, "").replace(/:[0-9]+$/, "");
    for (const host of networkHosts(topology, name)) {
      if (!unaddressed.has(host) && !primaryAddress(topology.hosts[host])) {
        unaddressed.add(host);
        report({
          code: "no-underlay-path",
          severity: "error",
          path: ["hosts", host, "nics"],
          ...say(
            t`host '${host}' is on overlay '${name}' but has no NIC address to ${kv ? t`reach the KV store from and advertise` : t`advertise to the swarm`}`,
            t`Give one of its NICs (or a VLAN sub-interface) an address on the hosts' network, e.g. 192.168.0.102/24.`,
          ),
        });
      } else if (
        kvHost &&
        kvHost !== host &&
        kvHost in topology.hosts &&
        primaryAddress(topology.hosts[kvHost]) &&
        !underlayPath(topology.hosts[host], topology.hosts[kvHost])
      )
        report({
          code: "no-underlay-path",
          severity: "error",
          path: ["hosts", host, "nics"],
          ...say(
            t`host '${host}' is on overlay '${name}' but shares no IP subnet with the KV store host '${kvHost}'`,
            t`Give a NIC of ${host} an address in the same subnet as ${kvHost}'s.`,
          ),
        });
      const previous = controlOfHost.get(host);
      if (previous && previous.control !== control)
        report({
          code: "mixed-overlay-control",
          severity: "error",
          path: ["networks", name, "control"],
          ...say(
            t`host '${host}' would need two overlay control planes: '${previous.network}' uses ${previous.control}, '${name}' uses ${control}`,
            t`A Docker daemon has one cluster store, and swarm mode excludes it: give all overlays on a host the same control.`,
          ),
        });
      else if (!previous) controlOfHost.set(host, { control, network: name });
    }
  }
}

function checkUnderlay(topology: Topology, report: Report) {
  for (const [name, network] of entries(topology.networks)) {
    const needsPath =
      (network.driver === "bridge" && network.cross_host === "routed") ||
      network.driver === "ovs" ||
      (network.driver === "overlay" && network.control !== undefined);
    if (!needsPath) continue;
    const hosts = networkHosts(topology, name);
    const [first, ...rest] = hosts;
    if (!first) continue;
    for (const host of rest) {
      if (underlayPath(topology.hosts[first], topology.hosts[host])) continue;
      report({
        code: "no-underlay-path",
        severity: "error",
        path: ["hosts", host, "nics"],
        ...say(
          t`'${name}' (${network.driver}) spans ${first} and ${host}, but they share no IP subnet to talk over`,
          t`Give a NIC of each host an address in the same subnet, e.g. 192.168.0.101/24 and 192.168.0.102/24.`,
        ),
      });
    }
  }
}
