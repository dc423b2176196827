import type { HostConnection, HostPool } from "../exec/hosts";
import { freshHost, type HostSnapshot, type Observed } from "../plan/observed";
import { OBSERVE_SCRIPT, splitSections } from "./host-script";
import { parseDockerContainers, parseDockerInfo, parseDockerNetworks } from "./parse-docker";
import { parseIptables } from "./parse-iptables";
import { parseLinks } from "./parse-links";
import { parseOvs } from "./parse-ovs";
import { parseIpForward, parseRoutes } from "./parse-routes";

/** Thrown inside observation when a host's answer cannot be trusted as complete. */
class ObserveError extends Error {}

/**
 * Reads one host into a snapshot: one SSH command for links, addresses, routes, forwarding,
 * iptables and OVS, and three Docker API calls, all at once. A host that cannot be read completely
 * is `reachable: false` with the reason: planning from half a snapshot would duplicate resources.
 */
export async function observeHost(connection: HostConnection): Promise<HostSnapshot> {
  const { host } = connection;
  try {
    const [script, info, networks, containers] = await Promise.all([
      connection.ssh.exec(["sh", "-c", OBSERVE_SCRIPT], { timeoutMs: 30_000 }),
      connection.docker.info(),
      connection.docker.listNetworks(),
      connection.docker.listContainers(),
    ]);
    if (script.code !== 0) throw new ObserveError(`the observation script exited with ${script.code}`);
    const sections = splitSections(script.stdout);
    for (const required of ["link", "addr", "route", "forward"] as const) {
      const section = sections[required];
      if (section?.code !== 0) {
        throw new ObserveError(
          `reading ${required} failed (exit ${section?.code ?? "missing"}): is iproute2 with JSON output (ip -j) installed?`,
        );
      }
    }
    const ok = (name: "filter" | "nat" | "ovs") => (sections[name]?.code === 0 ? sections[name].text : "");
    const ovs = parseOvs(ok("ovs"));
    return {
      host,
      reachable: true,
      links: parseLinks(sections.link?.text ?? "", sections.addr?.text ?? "", ovs),
      routes: parseRoutes(sections.route?.text ?? ""),
      ipForward: parseIpForward(sections.forward?.text ?? ""),
      rules: [
        ...parseIptables(ok("filter"), "filter", "DOCKER-USER"),
        ...parseIptables(ok("nat"), "nat", "POSTROUTING"),
      ],
      docker: {
        ...parseDockerInfo(info),
        networks: parseDockerNetworks(networks),
        containers: parseDockerContainers(containers),
      },
      ovs,
    };
  } catch (error) {
    return unreachable(host, error);
  }
}

/**
 * Observes every named host in parallel through the pool (connections are opened as needed and
 * stay open for the apply that follows). Hosts that cannot be reached come back `reachable: false`.
 */
export async function observeHosts(hosts: readonly string[], pool: HostPool): Promise<Observed> {
  const snapshots = await Promise.all(
    hosts.map(async (host) => {
      try {
        return await observeHost(await pool.get(host));
      } catch (error) {
        return unreachable(host, error);
      }
    }),
  );
  const observed: Observed = {};
  for (const snapshot of snapshots.sort((a, b) => (a.host < b.host ? -1 : 1))) observed[snapshot.host] = snapshot;
  return observed;
}

function unreachable(host: string, error: unknown): HostSnapshot {
  const message = error instanceof Error ? error.message : String(error);
  const prefix = `${host}: `;
  return {
    ...freshHost(host),
    reachable: false,
    error: message.startsWith(prefix) ? message.slice(prefix.length) : message,
  };
}
