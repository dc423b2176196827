import "server-only";
import type { HostConnection, HostPool } from "../exec/hosts";
import { impairTargets } from "../observe/observe";
import { parseDockerContainers } from "../observe/parse-docker";
import { assignAddresses } from "../topology/ipam";
import type { Topology } from "../topology/schema";
import { clientArgv, IPERF3_PACKAGE, type PerfResult, parseIperfJson, serverArgv, serverPid } from "./perf-iperf";

/** A pair to measure and how. */
export type PerfPair = {
  from: string;
  to: string;
  seconds: number;
  udp: boolean;
  /** Size packets for this path MTU (see `clientArgv`); default full-size for the interfaces. */
  mtu?: number;
};

/** The network both containers are on in the design (the destination's first one the source shares). */
export function sharedNetwork(topology: Topology, from: string, to: string): string | undefined {
  const mine = Object.keys(topology.containers?.[from]?.networks ?? {});
  return Object.keys(topology.containers?.[to]?.networks ?? {}).find((network) => mine.includes(network));
}

/** A running container's PID and its address on each network, read from its host's Docker API. */
async function readContainer(
  connection: HostConnection,
  name: string,
): Promise<{ pid: number; ips: Record<string, string | undefined> } | string> {
  const match = parseDockerContainers(await connection.docker.listContainers()).find((c) => c.name === name);
  if (!match?.running) return `${name} is not running on ${connection.host}`;
  const [target] = impairTargets([await connection.docker.inspectContainer(match.id)]);
  if (!target) return `${name} on ${connection.host} is not a container Crossnet created, or it stopped`;
  const ips = Object.fromEntries(Object.entries(match.networks).map(([network, { ip }]) => [network, ip]));
  return { pid: target.pid, ips };
}

/** Whether the host has iperf3; a message naming the package when it does not. */
async function iperfMissing(connection: HostConnection): Promise<string | undefined> {
  const found = await connection.ssh.exec(["sh", "-c", "command -v iperf3"], { timeoutMs: 10_000 });
  return found.code === 0
    ? undefined
    : `iperf3 is not installed on ${connection.host}: install the package '${IPERF3_PACKAGE}' there (Debian/Ubuntu: apt-get install ${IPERF3_PACKAGE})`;
}

const pause = (ms: number) => new Promise((wake) => setTimeout(wake, ms));

/**
 * Measures one pair with iperf3: the server in the destination's network namespace (one client,
 * then it exits; `timeout` kills it otherwise, and so does this function once the client is done),
 * the client in the source's, both from the hosts with the host's iperf3. Every command goes through
 * the pool's audited SSH sessions with a time limit. Never throws for a measurement that failed:
 * the result carries the error instead (a pair not measured is not a pair at 0 bit/s).
 */
export async function measurePair(pool: HostPool, topology: Topology, pair: PerfPair): Promise<PerfResult> {
  const network = sharedNetwork(topology, pair.from, pair.to) ?? "";
  const base: PerfResult = {
    from: pair.from,
    to: pair.to,
    target: "",
    network,
    proto: pair.udp ? "udp" : "tcp",
    seconds: pair.seconds,
    bitsPerSecond: null,
    retransmits: null,
    jitterMs: null,
    lostPercent: null,
    error: null,
  };
  const fail = (error: string): PerfResult => ({ ...base, error });
  const fromHost = topology.containers?.[pair.from]?.host;
  const toHost = topology.containers?.[pair.to]?.host;
  if (!fromHost || !toHost) return fail(`${!fromHost ? pair.from : pair.to} is not a container of the design`);
  if (!network) return fail(`${pair.from} and ${pair.to} share no network in the design`);
  try {
    const [source, destination] = await Promise.all([pool.get(fromHost), pool.get(toHost)]);
    for (const connection of new Set([source, destination])) {
      const missing = await iperfMissing(connection);
      if (missing) return fail(missing);
    }
    const [client, server] = await Promise.all([readContainer(source, pair.from), readContainer(destination, pair.to)]);
    if (typeof client === "string") return fail(client);
    if (typeof server === "string") return fail(server);
    // Docker knows the address on its own networks; OVS ports are Crossnet's, at the design's address.
    const target = server.ips[network] ?? assignAddresses(topology).containers[pair.to]?.[network]?.ip;
    if (!target) return fail(`${pair.to} has no address on ${network}`);
    base.target = target;

    let serverOut = "";
    let listening: () => void = () => {};
    const ready = new Promise<void>((resolve) => {
      listening = resolve;
    });
    const serving = destination.ssh
      .exec(serverArgv(server.pid, pair.seconds), {
        timeoutMs: (pair.seconds + 20) * 1000,
        maxOutputBytes: 64 * 1024,
        onStdout: (chunk) => {
          serverOut += chunk;
          if (/listening/i.test(serverOut)) listening();
        },
      })
      .catch((error: unknown) => ({ code: -1, stdout: serverOut, stderr: String(error), durationMs: 0 }));
    try {
      await Promise.race([ready, serving, pause(3000)]);
      let result = await source.ssh.exec(clientArgv(client.pid, target, pair.seconds, pair.udp, pair.mtu), {
        timeoutMs: (pair.seconds + 15) * 1000,
        maxOutputBytes: 1024 * 1024,
      });
      // The server's "listening" line may sit in its output buffer: a refused first try is retried once.
      if (/Connection refused/i.test(result.stdout)) {
        await pause(500);
        result = await source.ssh.exec(clientArgv(client.pid, target, pair.seconds, pair.udp, pair.mtu), {
          timeoutMs: (pair.seconds + 15) * 1000,
          maxOutputBytes: 1024 * 1024,
        });
      }
      const parsed = parseIperfJson(result.stdout, pair.udp);
      const timedOut =
        "iperf3 timed out: no measurement. If small pings pass, suspect an MTU black hole (the path carries less than the interfaces' MTU): 'crossnet ping --by mtu' finds it (iperf3's own control connection uses full-size packets too)";
      return { ...base, ...parsed, ...(parsed.error && result.code === 124 ? { error: timedOut } : {}) };
    } finally {
      const done = await Promise.race([serving.then(() => true), pause(2000).then(() => false)]);
      const pid = serverPid(serverOut);
      if (!done && pid !== undefined)
        await destination.ssh.exec(["kill", String(pid)], { timeoutMs: 10_000 }).catch(() => undefined);
    }
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}
