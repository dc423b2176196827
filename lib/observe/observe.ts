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
import { containerImpairArgv, parseContainerImpairments } from "./container-script";
import { OBSERVE_SCRIPT, type ObserveSection, type SectionOutput, splitSections } from "./host-script";
import {
  containerIds,
  parseDockerContainers,
  parseDockerInfo,
  parseDockerNetworks,
  parseDockerVersion,
} from "./parse-docker";
import { parseImpairQdiscs, parseImpairRules } from "./parse-impairments";
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
  /** What the container impairment script answered, and the containers it was asked about. */
  containerImpairments?: { stdout: string; containers: { name: string; pid: number }[] };
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
    const inspected = inspectAll();
    const [script, info, networks, containers, containerImpairments] = await Promise.all([
      connection.ssh.exec(["sh", "-c", OBSERVE_SCRIPT], { timeoutMs: 30_000 }),
      docker.info(),
      docker.listNetworks(),
      inspected,
      inspected.then((all) => readContainerImpairments(connection, all)),
    ]);
    // The connection asked `GET /version` when it opened (to choose its API version): reuse that answer.
    return snapshotFrom(host, {
      script,
      info,
      networks,
      containers,
      version: docker.engine.raw,
      ...(containerImpairments ? { containerImpairments } : {}),
    });
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
  const ok = (name: "filter" | "nat" | "mangle" | "ovs" | "qdisc" | "raw") =>
    sections[name]?.code === 0 ? sections[name].text : "";
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
    impairments: [
      ...[...parseImpairQdiscs(ok("qdisc")), ...parseImpairRules(ok("raw"))].map(({ iface, impairment }) => ({
        point: { kind: "host" as const, host, iface },
        impairment,
      })),
      ...(raw.containerImpairments
        ? parseContainerImpairments(raw.containerImpairments.stdout, raw.containerImpairments.containers)
        : []),
    ],
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
 * The running containers Crossnet created (a `crossnet.topology` label) with their PIDs, from
 * `GET /containers/{id}/json` results: whose network namespaces the impairment script reads.
 */
export function impairTargets(inspects: readonly unknown[]): { name: string; pid: number }[] {
  const targets: { name: string; pid: number }[] = [];
  for (const raw of inspects) {
    if (typeof raw !== "object" || raw === null) continue;
    const record = raw as {
      Name?: unknown;
      State?: { Running?: unknown; Pid?: unknown };
      Config?: { Labels?: unknown };
    };
    const name = typeof record.Name === "string" ? record.Name.replace(/^\//, "") : "";
    const pid = record.State?.Running === true ? record.State.Pid : undefined;
    const labels = record.Config?.Labels;
    const ours = typeof labels === "object" && labels !== null && "crossnet.topology" in labels;
    if (!ours || !/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/.test(name)) continue;
    if (typeof pid === "number" && Number.isInteger(pid) && pid > 1 && pid < 2 ** 31) targets.push({ name, pid });
  }
  return targets.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Runs the container impairment script when the host has containers of Crossnet's; a failure reads as none. */
async function readContainerImpairments(
  connection: HostConnection,
  inspects: readonly unknown[],
): Promise<RawObservation["containerImpairments"]> {
  const containers = impairTargets(inspects);
  if (containers.length === 0) return undefined;
  try {
    const result = await connection.ssh.exec(containerImpairArgv(containers), { timeoutMs: 15_000 });
    return { stdout: result.stdout, containers };
  } catch {
    return undefined;
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
