import { t } from "../i18n/text";
import type { Issue } from "./issues";
import { entries, findInterface, interfacesOf, vlanName } from "./model";
import { type NameKind, nameProblem } from "./names";
import { say } from "./said";
import { LIMITS, type Topology } from "./schema";

type Report = (issue: Issue) => void;

function checkName(report: Report, name: string, kind: NameKind, path: Issue["path"]) {
  const problem = nameProblem(name, kind);
  if (problem) report({ code: "invalid-name", severity: "error", path, ...problem });
}

/** Names used as map keys, counts, VLAN ids, and references between hosts, networks and containers. */
export function validateStructure(topology: Topology, report: Report): void {
  const hosts = entries(topology.hosts);
  const networks = entries(topology.networks);
  const containers = entries(topology.containers);
  const counts: [string, number, number][] = [
    ["hosts", hosts.length, LIMITS.hosts],
    ["networks", networks.length, LIMITS.networks],
    ["containers", containers.length, LIMITS.containers],
  ];
  for (const [field, count, limit] of counts)
    if (count > limit)
      report({
        code: "too-many",
        severity: "error",
        path: [field],
        ...say(
          t`${count} ${field}; Crossnet handles at most ${limit} in one design`,
          t`Split the design into several topologies.`,
        ),
      });

  for (const [hostName, host] of hosts) {
    checkName(report, hostName, "host", ["hosts", hostName]);
    const nics = entries(host.nics);
    if (nics.length > LIMITS.nicsPerHost)
      report({
        code: "too-many",
        severity: "error",
        path: ["hosts", hostName, "nics"],
        ...say(
          t`host '${hostName}' has ${nics.length} NICs; the limit is ${LIMITS.nicsPerHost}`,
          t`Remove NICs the design does not use.`,
        ),
      });
    const seen = new Set(nics.map(([name]) => name));
    for (const [nicName, nic] of nics) {
      checkName(report, nicName, "interface", ["hosts", hostName, "nics", nicName]);
      for (const [vid] of entries(nic.vlans)) {
        const path = ["hosts", hostName, "nics", nicName, "vlans", vid];
        const id = Number(vid);
        if (!/^[0-9]+$/.test(vid) || !Number.isInteger(id) || id < 1 || id > 4094) {
          report({
            code: "vlan-id-range",
            severity: "error",
            path,
            ...say(
              t`VLAN id '${vid}' on ${nicName} of ${hostName} is outside 1-4094`,
              t`802.1q VLAN ids are whole numbers from 1 to 4094 (0 and 4095 are reserved).`,
            ),
          });
          continue;
        }
        const subName = vlanName(nicName, id);
        if (!nameProblem(nicName, "interface")) checkName(report, subName, "interface", path);
        if (seen.has(subName))
          report({
            code: "duplicate-name",
            severity: "error",
            path,
            ...say(
              t`host '${hostName}' has a NIC named '${subName}' and a VLAN sub-interface of the same name`,
              t`Rename the NIC; the sub-interface of VLAN N on NIC X is always called X.N.`,
            ),
          });
        seen.add(subName);
      }
    }
  }

  for (const [networkName, network] of networks) {
    checkName(report, networkName, "network", ["networks", networkName]);
    if (network.driver === "macvlan")
      for (const [hostName, parent] of entries(network.parent)) {
        const path = ["networks", networkName, "parent", hostName];
        if (!(hostName in topology.hosts)) {
          report({
            code: "unknown-host",
            severity: "error",
            path,
            ...say(
              t`network '${networkName}' names a parent on host '${hostName}', which is not in hosts`,
              t`Add host '${hostName}' or remove this parent. Hosts: ${Object.keys(topology.hosts).join(", ") || "none"}.`,
            ),
          });
          continue;
        }
        if (nameProblem(parent, "interface")) {
          checkName(report, parent, "interface", path);
          continue;
        }
        if (!findInterface(topology.hosts[hostName], parent)) {
          const known = interfacesOf(topology.hosts[hostName] ?? { nics: {} }).map((iface) => iface.name);
          report({
            code: "unknown-parent",
            severity: "error",
            path,
            ...say(
              t`parent '${parent}' of network '${networkName}' does not exist on host '${hostName}'`,
              known.length
                ? t`Use one of ${known.join(", ")}, or add it (a VLAN sub-interface X.N is declared as vlans: { N: {} } under NIC X).`
                : t`Host '${hostName}' has no NICs yet: add one under hosts.${hostName}.nics.`,
            ),
          });
        }
      }
    if (network.driver === "bridge")
      for (const hostName of Object.keys(network.subnets ?? {}))
        if (!(hostName in topology.hosts))
          report({
            code: "unknown-host",
            severity: "error",
            path: ["networks", networkName, "subnets", hostName],
            ...say(
              t`network '${networkName}' has a subnet for host '${hostName}', which is not in hosts`,
              t`Add host '${hostName}' or remove this subnet.`,
            ),
          });
  }

  for (const [containerName, container] of containers) {
    const path = ["containers", containerName];
    checkName(report, containerName, "container", path);
    if (!(container.host in topology.hosts))
      report({
        code: "unknown-host",
        severity: "error",
        path: [...path, "host"],
        ...say(
          t`container '${containerName}' runs on host '${container.host}', which is not in hosts`,
          t`Use one of: ${Object.keys(topology.hosts).join(", ") || "(no hosts yet)"}.`,
        ),
      });
    const attached = Object.keys(container.networks);
    if (attached.length === 0)
      report({
        code: "no-networks",
        severity: "warning",
        path: [...path, "networks"],
        ...say(
          t`container '${containerName}' is on no network`,
          t`It will run with --network none and reach nothing. Attach it to a network.`,
        ),
      });
    for (const networkName of attached) {
      const netPath = [...path, "networks", networkName];
      const network = topology.networks?.[networkName];
      if (!network) {
        report({
          code: "unknown-network",
          severity: "error",
          path: netPath,
          ...say(
            t`container '${containerName}' is attached to network '${networkName}', which is not in networks`,
            t`Define networks.${networkName}, or use one of: ${Object.keys(topology.networks ?? {}).join(", ") || "(none yet)"}.`,
          ),
        });
        continue;
      }
      const notOn =
        (network.driver === "macvlan" && !(container.host in network.parent)) ||
        (network.driver === "bridge" &&
          network.cross_host === "routed" &&
          !(container.host in (network.subnets ?? {})));
      if (notOn && container.host in topology.hosts)
        report({
          code: "host-not-on-network",
          severity: "error",
          path: netPath,
          ...say(
            t`container '${containerName}' runs on '${container.host}', but network '${networkName}' is not defined there`,
            network.driver === "macvlan"
              ? t`Add a parent for ${container.host} under networks.${networkName}.parent.`
              : t`Add a subnet for ${container.host} under networks.${networkName}.subnets.`,
          ),
        });
      for (const alias of container.networks[networkName]?.aliases ?? [])
        checkName(report, alias, "alias", [...netPath, "aliases"]);
    }
  }
}
