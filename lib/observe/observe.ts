import "server-only";
import type { HostConnection, HostPool } from "../exec/hosts";
import { DAEMON_JSON_MAX_BYTES } from "../plan/daemon-json";
import {
  freshHost,
  type HostSnapshot,
  type Observed,
  type ObservedDaemonJson,
  type ObservedEngine,
} from "../plan/observed";
import { OBSERVE_SCRIPT, type ObserveSection, type SectionOutput, splitSections } from "./host-script";
import {
  containerIds,
  parseDockerContainers,
  parseDockerInfo,
  parseDockerNetworks,
  parseDockerVersion,
} from "./parse-docker";
import { parseIptables } from "./parse-iptables";
import { parseLinks } from "./parse-links";
import { parseOvs } from "./parse-ovs";
import { parseIpForward, parseRoutes } from "./parse-routes";

/** What a host answered: the observation script's stdout and exit code, and the Docker API's JSON. */
export type RawObservation = {
  script: { code: number; stdout: string };
  info: unknown;
  networks: unknown;
  /** `GET /containers/{id}/json` of every container. */
  containers: unknown[];
  /** `GET /version` (the engine and API version), when it was read. */
  version?: unknown;
};

/**
 * Reads one host into a snapshot: one SSH command for links, addresses, routes, forwarding,
 * iptables and OVS, and the Docker API (info, networks, and an inspect per container: only
 * inspect has the aliases), all at once; the engine and API version come from the connection's own
 * `GET /version`. A host that cannot be read completely is
 * `reachable: false` with the reason: planning from half a snapshot would duplicate resources.
 */
export async function observeHost(connection: HostConnection): Promise<HostSnapshot> {
  const { host, docker } = connection;
  try {
    const inspectAll = async () =>
      Promise.all(containerIds(await docker.listContainers()).map((id) => docker.inspectContainer(id)));
    const [script, info, networks, containers] = await Promise.all([
      connection.ssh.exec(["sh", "-c", OBSERVE_SCRIPT], { timeoutMs: 30_000 }),
      docker.info(),
      docker.listNetworks(),
      inspectAll(),
    ]);
    // The connection asked `GET /version` when it opened (to choose its API version): reuse that answer.
    return snapshotFrom(host, { script, info, networks, containers, version: docker.engine.raw });
  } catch (error) {
    return unreachable(host, error);
  }
}

/**
 * The snapshot of a host from what it answered (pure). Links, addresses, routes and forwarding
 * are required; iptables and OVS sections that failed (no chain yet, no OVS) count as empty.
 */
export function snapshotFrom(host: string, raw: RawObservation): HostSnapshot {
  if (raw.script.code !== 0)
    return unreachable(host, new Error(`the observation script exited with ${raw.script.code}`));
  const sections = splitSections(raw.script.stdout);
  for (const required of ["link", "addr", "route", "forward"] as const) {
    const section = sections[required];
    if (section?.code !== 0) {
      const code = section?.code ?? "missing";
      return unreachable(
        host,
        new Error(`reading ${required} failed (exit ${code}): is iproute2 with JSON output (ip -j) installed?`),
      );
    }
  }
  const ok = (name: "filter" | "nat" | "mangle" | "ovs") => (sections[name]?.code === 0 ? sections[name].text : "");
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
      ...parseIptables(ok("mangle"), "mangle", "PREROUTING"),
    ],
    docker: {
      ...engineOf(raw.version),
      ...parseDockerInfo(raw.info),
      networks: parseDockerNetworks(raw.networks),
      containers: parseDockerContainers(raw.containers),
    },
    ovs,
    daemonJson: daemonJsonOf(sections),
  };
}

/** The daemon.json sections: the file's text (when there is one and it was read whole) and the backup state. */
export function daemonJsonOf(sections: Partial<Record<ObserveSection, SectionOutput>>): ObservedDaemonJson {
  const file = sections.daemonjson;
  const backup = sections.daemonorig?.code === 0 ? "copy" : sections.daemonnone?.code === 0 ? "none" : undefined;
  const observed: ObservedDaemonJson = backup ? { backup } : {};
  if (!file) return observed;
  if (file.code !== 0) return { ...observed, unreadable: `reading it exited with ${file.code}` };
  if (Buffer.byteLength(file.text) > DAEMON_JSON_MAX_BYTES)
    return { ...observed, unreadable: `larger than ${DAEMON_JSON_MAX_BYTES} bytes` };
  return { ...observed, text: file.text };
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

function engineOf(version: unknown): { engine?: ObservedEngine } {
  const engine = parseDockerVersion(version);
  return engine ? { engine } : {};
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
