import { t } from "../i18n/text";
import { broadcastOf, contains, overlaps, parseCidr, parseIp, usableCount } from "./ip";
import type { Ipam } from "./ipam";
import type { Issue } from "./issues";
import { containersOn, entries, isGlobal, isSwarmOverlay, networkHosts } from "./model";
import { say } from "./said";
import type { Topology } from "./schema";

type Report = (issue: Issue) => void;

/** Subnets, gateways and container addresses: inside, distinct, not reserved, enough room, no overlaps per host. */
export function validateAddresses(topology: Topology, ipam: Ipam, report: Report): void {
  for (const [name, network] of entries(topology.networks)) {
    const base = ["networks", name];
    const subnetText = "subnet" in network ? network.subnet : undefined;
    const subnet = subnetText ? parseCidr(subnetText, false) : undefined;
    const gatewayText = "gateway" in network ? network.gateway : undefined;
    if (gatewayText && !subnetText)
      report({
        code: "subnet-required",
        severity: "error",
        path: [...base, "gateway"],
        ...say(
          t`network '${name}' sets a gateway but no subnet`,
          t`Docker only accepts --gateway together with --subnet: add the subnet.`,
        ),
      });
    if (subnet && gatewayText) {
      const gateway = parseIp(gatewayText);
      if (gateway !== undefined && (!contains(subnet.cidr, gateway) || isReserved(subnet.cidr, gateway)))
        report({
          code: "gateway-outside-subnet",
          severity: "error",
          path: [...base, "gateway"],
          ...say(
            contains(subnet.cidr, gateway)
              ? t`gateway ${gatewayText} of '${name}' is the network or broadcast address of ${subnetText}`
              : t`gateway ${gatewayText} of '${name}' is outside its subnet ${subnetText}`,
            t`Pick an address inside ${subnetText}, usually the first one.`,
          ),
        });
    }
    if ("ip_range" in network && network.ip_range && !subnetText)
      report({
        code: "subnet-required",
        severity: "error",
        path: [...base, "ip_range"],
        ...say(
          t`network '${name}' sets an ip_range but no subnet`,
          t`Docker only accepts --ip-range together with --subnet: add the subnet that holds the range.`,
        ),
      });
    if ("ip_range" in network && network.ip_range && subnet) {
      const range = parseCidr(network.ip_range, false);
      if (range && !(contains(subnet.cidr, range.cidr.network) && range.cidr.prefix >= subnet.cidr.prefix))
        report({
          code: "ip-outside-subnet",
          severity: "error",
          path: [...base, "ip_range"],
          ...say(
            t`ip_range ${network.ip_range} of '${name}' is not inside its subnet ${subnetText}`,
            t`The range containers draw from must lie inside the subnet.`,
          ),
        });
    }
    if (network.driver === "bridge" && network.cross_host === "routed") {
      if (!network.subnets || Object.keys(network.subnets).length < 2 || network.subnet)
        report({
          code: "routed-bridge-subnets",
          severity: "error",
          path: [...base, network.subnet ? "subnet" : "subnets"],
          ...say(
            t`routed bridge '${name}' needs one distinct subnet per host under 'subnets'${network.subnet ? t`, not a shared 'subnet'` : ""}`,
            t`Routing works between different subnets: e.g. subnets: { node-1: 172.20.1.0/24, node-2: 172.20.2.0/24 }.`,
          ),
        });
      const list = entries(network.subnets);
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++) {
          const [hostA, a] = list[i] ?? ["", ""];
          const [hostB, b] = list[j] ?? ["", ""];
          const left = parseCidr(a, false);
          const right = parseCidr(b, false);
          if (left && right && overlaps(left.cidr, right.cidr))
            report({
              code: "subnet-overlap",
              severity: "error",
              path: [...base, "subnets", hostB],
              ...say(
                t`routed bridge '${name}': subnet ${b} of ${hostB} overlaps ${a} of ${hostA}`,
                t`Each host needs its own subnet, or the routes between them cannot tell the hosts apart.`,
              ),
            });
        }
    }
    if (network.driver === "bridge" && network.subnets && network.cross_host !== "routed")
      report({
        code: "routed-bridge-subnets",
        severity: "error",
        path: [...base, "subnets"],
        ...say(
          t`bridge '${name}' has per-host 'subnets' but is not routed`,
          t`Add cross_host: routed, or use one 'subnet'.`,
        ),
      });
  }

  checkContainerAddresses(topology, ipam, report);
  checkOverlaps(topology, ipam, report);
}

function isReserved(cidr: { network: number; prefix: number }, ip: number): boolean {
  return cidr.prefix < 31 && (ip === cidr.network || ip === broadcastOf(cidr));
}

function checkContainerAddresses(topology: Topology, ipam: Ipam, report: Report) {
  for (const [name, network] of entries(topology.networks)) {
    const segments = new Map<string, Map<number, string>>();
    const perSegmentCount = new Map<string, { count: number; host: string }>();
    for (const [containerName, container] of containersOn(topology, name)) {
      const path = ["containers", containerName, "networks", name, "ip"];
      const shared = isGlobal(network) || network.driver === "macvlan" || network.driver === "ovs";
      const segment = shared ? name : `${name}@${container.host}`;
      const tally = perSegmentCount.get(segment) ?? { count: 0, host: container.host };
      tally.count++;
      perSegmentCount.set(segment, tally);
      const fixed = container.networks[name]?.ip;
      const plan = ipam.networks[name]?.perHost[container.host];
      if (fixed && !ipam.networks[name]?.userSubnet) {
        report({
          code: "subnet-required",
          severity: "error",
          path,
          ...say(
            t`container '${containerName}' has a fixed IP on '${name}', which has no subnet of yours`,
            t`Docker only accepts --ip on networks created with --subnet: add a subnet to networks.${name}.`,
          ),
        });
        continue;
      }
      const address = ipam.containers[containerName]?.[name]?.ip;
      const value = address ? parseIp(address) : undefined;
      const subnet = plan?.subnet ? parseCidr(plan.subnet, false) : undefined;
      if (value === undefined || !subnet) continue;
      if (fixed && !contains(subnet.cidr, value)) {
        report({
          code: "ip-outside-subnet",
          severity: "error",
          path,
          ...say(
            t`IP ${fixed} of '${containerName}' is outside ${plan?.subnet} of network '${name}'`,
            t`Pick an address inside ${plan?.subnet}.`,
          ),
        });
        continue;
      }
      if (fixed && isReserved(subnet.cidr, value)) {
        report({
          code: "ip-reserved",
          severity: "error",
          path,
          ...say(
            t`IP ${fixed} of '${containerName}' is the network or broadcast address of ${plan?.subnet}`,
            t`Pick an address between the first and the last usable one.`,
          ),
        });
        continue;
      }
      if (fixed && plan?.gateway && fixed === plan.gateway) {
        report({
          code: "ip-is-gateway",
          severity: "error",
          path,
          ...say(
            t`IP ${fixed} of '${containerName}' is the gateway of network '${name}'`,
            t`Docker keeps the gateway address for itself: pick another address.`,
          ),
        });
        continue;
      }
      const seen = segments.get(segment) ?? new Map<number, string>();
      segments.set(segment, seen);
      const other = seen.get(value);
      if (other)
        report({
          code: "duplicate-ip",
          severity: "error",
          path,
          ...say(
            t`IP ${address} of '${containerName}' is also given to '${other}' on network '${name}'`,
            network.driver === "macvlan"
              ? t`Containers of one macvlan network share one L2 segment across hosts, and each host's Docker allocates on its own: give every container a distinct fixed ip.`
              : t`Give each container a distinct address.`,
          ),
        });
      else seen.set(value, containerName);
    }
    for (const [segment, { count, host }] of perSegmentCount) {
      const plan = ipam.networks[name]?.perHost[host];
      const subnet = plan?.subnet ? parseCidr(plan.subnet, false) : undefined;
      if (!subnet) continue;
      // Swarm also takes one address per node attached to the overlay, for its load balancer.
      const swarmNodes = isSwarmOverlay(network) ? networkHosts(topology, name).length : 0;
      const room = usableCount(subnet.cidr) - (plan?.gateway ? 1 : 0) - swarmNodes;
      if (count > room)
        report({
          code: "subnet-too-small",
          severity: "error",
          path: ["networks", name, network.driver === "bridge" && network.subnets ? "subnets" : "subnet"],
          ...say(
            t`subnet ${plan?.subnet} of '${name}' has room for ${room} containers but ${count} are attached${segment.includes("@") ? t` on ${host}` : ""}`,
            swarmNodes
              ? t`Swarm also keeps one address per node (${swarmNodes}) for its load balancer: use a larger subnet (a smaller prefix number).`
              : t`Use a larger subnet (a smaller prefix number).`,
          ),
        });
    }
  }
}

/** Docker's default bridge, present on every Docker host. */
const DOCKER0 = { network: 0xac110000, prefix: 16 };

function checkOverlaps(topology: Topology, ipam: Ipam, report: Report) {
  const reportedDocker0 = new Set<string>();
  for (const host of Object.keys(topology.hosts)) {
    const onHost = entries(topology.networks)
      .filter(([name]) => networkHosts(topology, name).includes(host))
      .flatMap(([name, network]) => {
        const plan = ipam.networks[name]?.perHost[host];
        const parsed = plan?.subnet && plan.source === "design" ? parseCidr(plan.subnet, false) : undefined;
        const field = network.driver === "bridge" && network.subnets ? ["subnets", host] : ["subnet"];
        return parsed ? [{ name, subnet: plan?.subnet ?? "", cidr: parsed.cidr, field }] : [];
      });
    for (const own of onHost)
      if (overlaps(own.cidr, DOCKER0) && !reportedDocker0.has(`${own.name}|${own.field.join(".")}`)) {
        reportedDocker0.add(`${own.name}|${own.field.join(".")}`);
        report({
          code: "subnet-overlap",
          severity: "error",
          path: ["networks", own.name, ...own.field],
          ...say(
            t`subnet ${own.subnet} of '${own.name}' overlaps 172.17.0.0/16, the subnet of Docker's default bridge docker0 on every host`,
            t`Docker refuses a pool that overlaps an existing network: pick a subnet outside 172.17.0.0/16.`,
          ),
        });
      }
    for (let i = 0; i < onHost.length; i++)
      for (let j = i + 1; j < onHost.length; j++) {
        const a = onHost[i];
        const b = onHost[j];
        if (a && b && overlaps(a.cidr, b.cidr))
          report({
            code: "subnet-overlap",
            severity: "error",
            path: ["networks", b.name, ...b.field],
            ...say(
              t`on host '${host}', subnet ${b.subnet} of '${b.name}' overlaps ${a.subnet} of '${a.name}'`,
              t`Docker refuses overlapping pools on one host: pick a subnet that does not overlap.`,
            ),
          });
      }
  }
}
