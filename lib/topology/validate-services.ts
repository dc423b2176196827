import { t } from "../i18n/text";
import { contains, parseCidr, parseIp } from "./ip";
import type { Ipam } from "./ipam";
import type { Issue } from "./issues";
import { entries, interfacesOf } from "./model";
import { say } from "./said";
import { parsePublish, type Topology } from "./schema";

type Report = (issue: Issue) => void;

/**
 * Published ports and macvlan shims: a host port published twice on one host (Docker's second
 * `docker run -p` would fail with "port is already allocated"), an address the host does not have,
 * and a shim on a network that is not a macvlan of that host or with an address the network cannot give it.
 */
export function validateServices(topology: Topology, ipam: Ipam, report: Report): void {
  const taken = new Map<string, string>();
  for (const [name, container] of entries(topology.containers)) {
    const host = topology.hosts[container.host];
    const addresses = new Set(
      (host ? interfacesOf(host) : []).flatMap((iface) => (iface.address ? [iface.address.split("/")[0]] : [])),
    );
    (container.publish ?? []).forEach((entry, index) => {
      const parsed = parsePublish(entry);
      if (!parsed) return;
      const path = ["containers", name, "publish", index];
      if (parsed.address && parsed.address !== "0.0.0.0" && host && !addresses.has(parsed.address))
        report({
          code: "invalid-publish",
          severity: "error",
          path,
          ...say(
            t`${container.host} has no address ${parsed.address} to publish ${entry} on`,
            t`Use one of ${container.host}'s addresses (${[...addresses].join(", ") || t`none in the design`}), or leave the address out to publish on all of them.`,
          ),
        });
      const key = `${container.host}/${parsed.proto}/${parsed.hostPort}`;
      const other = taken.get(key);
      if (other !== undefined)
        report({
          code: "publish-conflict",
          severity: "error",
          path,
          ...say(
            t`${container.host}'s ${parsed.proto} port ${parsed.hostPort} is published twice (${other} and ${name})`,
            t`Docker gives a host port to one container only ("port is already allocated"): pick another host port.`,
          ),
        });
      else taken.set(key, name);
    });
  }
  for (const [hostName, host] of entries(topology.hosts))
    (host.shims ?? []).forEach((shim, index) => {
      const path = ["hosts", hostName, "shims", index];
      const network = topology.networks?.[shim.network];
      if (network?.driver !== "macvlan" || !network.parent[hostName]) {
        report({
          code: "shim-network",
          severity: "error",
          path: [...path, "network"],
          ...say(
            t`shim ${shim.name} on ${hostName} names ${shim.network}, which is not a macvlan network with a parent on ${hostName}`,
            t`A shim joins a macvlan network on the host that is its parent: name such a network, or give it a parent on ${hostName}.`,
          ),
        });
        return;
      }
      const subnet = ipam.networks[shim.network]?.perHost[hostName]?.subnet;
      const cidr = subnet ? parseCidr(subnet, false) : undefined;
      const ip = parseIp(shim.ip);
      if (cidr && ip !== undefined && !contains(cidr.cidr, ip))
        report({
          code: "ip-outside-subnet",
          severity: "error",
          path: [...path, "ip"],
          ...say(
            t`shim ${shim.name}'s address ${shim.ip} is outside ${shim.network}'s subnet ${subnet}`,
            t`Give the shim a free address of ${subnet}, e.g. near its end.`,
          ),
        });
      const holder = Object.entries(ipam.containers).find(([, nets]) => nets[shim.network]?.ip === shim.ip)?.[0];
      if (holder)
        report({
          code: "duplicate-ip",
          severity: "error",
          path: [...path, "ip"],
          ...say(
            t`shim ${shim.name}'s address ${shim.ip} is also ${holder}'s on ${shim.network}`,
            t`Give the shim an address no container uses.`,
          ),
        });
    });
}
