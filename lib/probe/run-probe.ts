import "server-only";
import { randomUUID } from "node:crypto";
import type { Audit } from "../exec/audit";
import { type HostConnection, HostPool } from "../exec/hosts";
import { expectMatrix, GWBRIDGE_KEY } from "../expect/expect";
import { endpointHost, hostOfEndpoint } from "../expect/hosts";
import type { CheckKind, ExpectCell } from "../expect/types";
import { inventoryGap } from "../inventory/coverage";
import type { Inventory } from "../inventory/schema";
import { observeHost } from "../observe/observe";
import { parseDockerContainers } from "../observe/parse-docker";
import { isObject } from "../observe/well-formed";
import { freshHost, type Observed, type ObservedContainer } from "../plan/observed";
import type { Topology } from "../topology/schema";
import { diagnoseCellText } from "./diagnose";
import { type HostBatch, runHostProbe } from "./host-run";
import { addressesOf, type ProbeJob, planJobs } from "./jobs";
import { isCheckTarget } from "./parse-check";
import { HOST_SOURCE_ID } from "./probe-script";
import { RESPONDER_MAX_PORTS, type RunningResponder, responderServices, startResponder } from "./responder";
import { MAX_PAIRS_LIMIT, ProbeLimitError, type ProbeSettings, resolveProbeSettings, wallBoundS } from "./settings";
import type { ProbeCell, ProbeEvent, ProbeSummary, TargetResult } from "./types";
import { cellOf } from "./verdict";

export type ProbeOptions = {
  inventory: Inventory;
  /** Directory relative key paths in the inventory resolve against (the inventory file's). */
  inventoryDir: string;
  /** Who runs it, for the audit log (`cli:<os user>` for the CLI). */
  who: string;
  audit: Audit;
  runId?: string;
  /** Ping by IP, by name, or both (default); or any list of kinds, tcp, udp and mtu included. */
  by?: CheckKind | "both" | readonly CheckKind[];
  /** Source containers (default all). */
  from?: string[];
  /** Target containers (default all). */
  to?: string[];
  settings?: Partial<ProbeSettings>;
  /** Cancels the run: nothing new starts, running probes are stopped on their hosts. */
  signal?: AbortSignal;
  /** Progress, each cell as soon as it is final. */
  onEvent?: (event: ProbeEvent) => void;
  /**
   * Start Crossnet's own responder (see `RESPONDER_SCRIPT`) on the target containers' tcp/udp service
   * ports nothing listens on, for the run only; default off (a real service must answer).
   */
  responder?: boolean;
  /** Connections to reuse and leave open; by default a pool is opened for the run and closed after. */
  pool?: HostPool;
};

/** The outcome of a ping matrix run. */
export type ProbeReport = {
  runId: string;
  /** Every final cell, in the expected matrix's order (only those finished when cancelled). */
  cells: ProbeCell[];
  summary: ProbeSummary;
  cancelled: boolean;
  unreachable: { host: string; error: string }[];
  settings: ProbeSettings;
  /** Milliseconds spent connecting and reading the hosts, then probing. */
  timings: { prepareMs: number; probeMs: number };
  /** With `responder`: per host, the ports it answered on, those a real service held, and failures. */
  responders?: { host: string; listening: string[]; real: string[]; failed: string[] }[];
};

/** The selection names containers the design does not have, or hosts the inventory lacks. */
export class ProbeInputError extends Error {
  override readonly name = "ProbeInputError";
}

type HostRead =
  | {
      connection: HostConnection;
      containers: ObservedContainer[];
      /** Container id → its docker_gwbridge address (overlay containers; see {@link gwbridgeAddresses}). */
      gwbridge: Map<string, string>;
      /** Main PID and full id of the running design containers of this host (for `nsenter`). */
      pids: Map<string, { pid: number; id: string }>;
    }
  | { error: string };

type Job = ProbeJob;

/** Most failed targets on one host retried with the framed script (see `MatrixRun.host`). */
const FRAMED_RETRY_MAX_TARGETS = 64;

/**
 * Pings every ordered pair of the selected containers (by IP on the design's networks, and/or by
 * name), compares each cell with `expectMatrix` and diagnoses the failures.
 *
 * First it reads every host (Docker API over the host's one SSH connection): containers, their
 * addresses (passed to the expectation, so swarm's out-of-order addresses are right) and main PIDs.
 * Then each host gets ONE SSH command (`HOST_SCRIPT`) that probes all its source containers in
 * parallel (hosts in parallel too): by IP with the host's own `ping` in the container's network
 * namespace, by name inside the container (`docker exec`: only the container's resolver knows
 * Docker's DNS). Every target of a source is pinged at once. Failed cells are retried once before
 * they count (with the framed script that keeps ping's error messages, when the host has few).
 * @throws ProbeLimitError (settings out of bounds, matrix larger than `maxPairs`), ProbeInputError.
 */
export async function runProbe(topology: Topology, options: ProbeOptions): Promise<ProbeReport> {
  const started = performance.now();
  const settings = resolveProbeSettings(options.settings);
  const hosts = checkSelection(topology, options);
  const runId = options.runId ?? randomUUID();
  const emit = options.onEvent ?? (() => {});
  const signal = options.signal;
  const pool =
    options.pool ??
    new HostPool(options.inventory, {
      audit: options.audit,
      who: options.who,
      runId,
      baseDir: options.inventoryDir,
      ssh: { connectTimeoutMs: settings.connectTimeoutMs },
    });
  try {
    const sources = new Set(options.from ?? Object.keys(topology.containers ?? {}));
    // The responder enters the targets' network namespaces: their PIDs are read too.
    const wantPids = new Set(sources);
    if (options.responder) for (const name of options.to ?? Object.keys(topology.containers ?? {})) wantPids.add(name);
    const reads = await readHosts(topology, hosts, pool, wantPids);
    const unreachable = [...reads].flatMap(([host, read]) => ("error" in read ? [{ host, error: read.error }] : []));
    for (const entry of unreachable) emit({ type: "host-unreachable", ...entry });
    const seen = seenContainers(topology, reads);
    const matrix = expectMatrix(topology, {
      addresses: withGwbridge(addressesOf(topology, seen), seen, reads),
      by: options.by ?? "both",
      ...(options.from ? { from: options.from } : {}),
      ...(options.to ? { to: options.to } : {}),
    }).pairs;
    if (matrix.length > settings.maxPairs)
      throw new ProbeLimitError(
        matrix.length > MAX_PAIRS_LIMIT
          ? `the matrix has ${matrix.length} cells, more than any run may have (${MAX_PAIRS_LIMIT}): select fewer containers with from/to`
          : `the matrix has ${matrix.length} cells, more than maxPairs (${settings.maxPairs}): select fewer containers with from/to, or raise maxPairs to ${matrix.length} (--max-pairs ${matrix.length}; at most ${MAX_PAIRS_LIMIT})`,
      );
    const prepared = performance.now();
    const { jobs, unprobeable } = planJobs(topology, matrix, seen);
    emit({ type: "started", cells: matrix.length, sources: jobs.length, hosts });

    const run = new MatrixRun(topology, settings, reads, emit, signal);
    for (const { cell, error } of unprobeable)
      run.finish(run.cell(cell, { kind: "error", error, raw: "" }, 1, ""), cell);
    const responders = options.responder ? await startResponders(topology, matrix, reads, settings) : [];
    try {
      if (!signal?.aborted) {
        // Every host's first pass, then (once they are all over) the retries: see MatrixRun.host.
        let firstPassesOver = () => {};
        const afterFirstPasses = new Promise<void>((resolve) => {
          firstPassesOver = resolve;
        });
        const runs = hosts.map((host) =>
          run.host(
            host,
            jobs.filter((job) => job.host === host),
            afterFirstPasses,
          ),
        );
        await Promise.all(runs.map((hostRun) => hostRun.firstPass));
        firstPassesOver();
        await Promise.all(runs.map((hostRun) => hostRun.done));
      }
    } finally {
      await Promise.all(responders.map((responder) => responder.stop()));
    }
    await run.settled();

    const order = new Map(matrix.map((cell, index) => [cell, index]));
    const cells = run.cells.sort((a, b) => (order.get(a.expectation) ?? 0) - (order.get(b.expectation) ?? 0));
    const done = performance.now();
    const summary: ProbeSummary = {
      pass: cells.filter(({ cell }) => cell.verdict === "pass").length,
      fail: cells.filter(({ cell }) => cell.verdict === "fail").length,
      durationMs: Math.round(done - started),
    };
    const cancelled = signal?.aborted === true;
    emit({ type: "done", summary, cancelled });
    return {
      runId,
      cells: cells.map(({ cell }) => cell),
      summary,
      cancelled,
      unreachable,
      settings,
      timings: { prepareMs: Math.round(prepared - started), probeMs: Math.round(done - prepared) },
      ...(options.responder
        ? { responders: responders.map(({ host, listening, real, failed }) => ({ host, listening, real, failed })) }
        : {}),
    };
  } finally {
    if (!options.pool) await pool.close();
  }
}

/** Hosts whose containers take part (sources or targets), checked against the design and inventory. */
function checkSelection(topology: Topology, options: ProbeOptions): string[] {
  const containers = topology.containers ?? {};
  const endpointHosts: string[] = [];
  for (const [flag, names] of [
    ["from", options.from],
    ["to", options.to],
  ] as const) {
    for (const name of names ?? []) {
      const host = endpointHost(name);
      if (host === undefined) continue;
      if (!Object.hasOwn(topology.hosts, host))
        throw new ProbeInputError(
          `${flag}: ${name} names no host of ${topology.name} (it has ${Object.keys(topology.hosts).join(", ")})`,
        );
      endpointHosts.push(host);
    }
    const unknown = (names ?? []).filter(
      (name) => !Object.hasOwn(containers, name) && endpointHost(name) === undefined,
    );
    if (unknown.length)
      throw new ProbeInputError(
        `${flag}: ${unknown.join(", ")} ${unknown.length === 1 ? "is not a container" : "are not containers"} of ${topology.name} (it has ${Object.keys(containers).join(", ") || "none"})`,
      );
  }
  const hosts = [
    ...new Set([...Object.values(containers).map((container) => container.host), ...endpointHosts]),
  ].sort();
  const gap = inventoryGap(hosts, options.inventory);
  if (gap) throw new ProbeInputError(gap.message);
  return hosts;
}

/**
 * Connects to every host and reads its containers (running or not, with their addresses) and the
 * main PID of each running source container, hosts in parallel.
 */
async function readHosts(
  topology: Topology,
  hosts: string[],
  pool: HostPool,
  sources: ReadonlySet<string>,
): Promise<Map<string, HostRead>> {
  const reads = await Promise.all(
    hosts.map(async (host): Promise<[string, HostRead]> => {
      try {
        const connection = await pool.get(host);
        const containers = parseDockerContainers(await connection.docker.listContainers());
        const pids = new Map<string, { pid: number; id: string }>();
        const mine = containers.filter(
          (container) =>
            container.running && sources.has(container.name) && topology.containers?.[container.name]?.host === host,
        );
        for (const container of mine) {
          const pid = pidOf(await connection.docker.inspectContainer(container.id));
          if (pid) pids.set(container.name, { pid, id: container.id });
        }
        const onOverlay = mine.some((container) =>
          Object.keys(topology.containers?.[container.name]?.networks ?? {}).some(
            (network) => topology.networks?.[network]?.driver === "overlay",
          ),
        );
        const gwbridge = onOverlay
          ? gwbridgeAddresses(await connection.docker.inspectNetwork("docker_gwbridge").catch(() => undefined))
          : new Map<string, string>();
        return [host, { connection, containers, pids, gwbridge }];
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return [host, { error: message.startsWith(`${host}: `) ? message.slice(host.length + 2) : message }];
      }
    }),
  );
  return new Map(reads);
}

/**
 * Container id → IPv4 address on docker_gwbridge, from `GET /networks/docker_gwbridge` (untrusted:
 * checked). A source's own gwbridge address can equal a target's address on a bridge of another host
 * (both drawn from 172.18.0.0/16 …): the ping then answers itself, and `expect` must know that.
 */
function gwbridgeAddresses(inspect: unknown): Map<string, string> {
  const found = new Map<string, string>();
  const containers = isObject(inspect) && isObject(inspect.Containers) ? inspect.Containers : {};
  for (const [id, endpoint] of Object.entries(containers)) {
    const cidr = isObject(endpoint) ? endpoint.IPv4Address : undefined;
    const ip = typeof cidr === "string" ? cidr.split("/")[0] : undefined;
    if (ip && /^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) found.set(id, ip);
  }
  return found;
}

/** `State.Pid` of a running container from `GET /containers/{id}/json` (untrusted: checked). */
function pidOf(inspect: unknown): number | undefined {
  const state = isObject(inspect) && isObject(inspect.State) ? inspect.State : undefined;
  const pid = state?.Running === true ? state.Pid : undefined;
  return typeof pid === "number" && Number.isInteger(pid) && pid > 1 && pid < 2 ** 31 ? pid : undefined;
}

/** The observed addresses plus each source's docker_gwbridge address, under the key `docker_gwbridge`. */
function withGwbridge(
  addresses: Record<string, Record<string, string>>,
  seen: Map<string, ObservedContainer | undefined>,
  reads: Map<string, HostRead>,
): Record<string, Record<string, string>> {
  for (const [name, container] of seen) {
    if (!container) continue;
    for (const read of reads.values()) {
      const ip = "gwbridge" in read ? read.gwbridge.get(container.id) : undefined;
      if (ip) addresses[name] = { ...addresses[name], [GWBRIDGE_KEY]: ip };
    }
  }
  return addresses;
}

/** Each design container as found on its own design host (undefined when absent or the host is down). */
function seenContainers(topology: Topology, reads: Map<string, HostRead>): Map<string, ObservedContainer | undefined> {
  const seen = new Map<string, ObservedContainer | undefined>();
  for (const [name, container] of Object.entries(topology.containers ?? {})) {
    const read = reads.get(container.host);
    seen.set(name, read && "containers" in read ? read.containers.find((c) => c.name === name) : undefined);
  }
  return seen;
}

/** State of one run: emits final cells, retries failures once, diagnoses from a lazily read snapshot. */
class MatrixRun {
  readonly cells: { cell: ProbeCell; expectation: ExpectCell }[] = [];
  private readonly pending: Promise<void>[] = [];
  private observed: Promise<Observed> | undefined;

  constructor(
    private readonly topology: Topology,
    private readonly settings: ProbeSettings,
    private readonly reads: Map<string, HostRead>,
    private readonly emit: (event: ProbeEvent) => void,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** Waits for the cells still being diagnosed. */
  async settled(): Promise<void> {
    await Promise.all(this.pending);
  }

  /** A cell of this run (source host filled in), not yet final. */
  cell(expectation: ExpectCell, result: TargetResult, attempts: number, command: string, raw?: string): ProbeCell {
    const host = hostOfEndpoint(this.topology, expectation.from) ?? "";
    return cellOf(expectation, host, result, attempts, command, raw ?? result.raw);
  }

  /** Makes a cell final: diagnoses it when it failed, then records and emits it. */
  finish(cell: ProbeCell, expectation: ExpectCell): void {
    const record = () => {
      if (this.signal?.aborted) return;
      this.cells.push({ cell, expectation });
      this.emit({ type: "cell", cell });
    };
    if (cell.verdict === "pass") {
      record();
      return;
    }
    this.pending.push(
      this.snapshot().then((observed) => {
        cell.diagnosis = diagnoseCellText(cell, expectation, this.topology, observed);
        record();
      }),
    );
  }

  /**
   * Probes every source of one host in one command, then retries the failed cells once (one more
   * command), but only after `afterFirstPasses`: the first pass of a large matrix resolves thousands
   * of neighbours at once (an ARP broadcast to every container of the segment for each new pair),
   * and a reply lost in that storm failed again when retried in the middle of it (42 of 65,280 cells
   * on 256 containers, the first time). `firstPass` settles when this host's first pass is over.
   */
  host(host: string, jobs: Job[], afterFirstPasses: Promise<void>): { firstPass: Promise<void>; done: Promise<void> } {
    let firstPassOver = () => {};
    const firstPass = new Promise<void>((resolve) => {
      firstPassOver = resolve;
    });
    const done = this.probeHost(host, jobs, async () => {
      firstPassOver();
      await afterFirstPasses;
    }).finally(firstPassOver);
    return { firstPass, done };
  }

  private async probeHost(host: string, jobs: Job[], beforeRetry: () => Promise<void>): Promise<void> {
    const read = this.reads.get(host);
    if (!read || "error" in read) {
      const error = `host ${host} unreachable: ${read && "error" in read ? read.error : "not read"}`;
      for (const job of jobs)
        for (const target of job.targets)
          for (const expectation of job.cells.get(target) ?? [])
            this.finish(this.cell(expectation, { kind: "error", error, raw: "" }, 1, ""), expectation);
      return;
    }
    const batches = (job: Job, targets: string[], ipMode: "fast" | "framed"): HostBatch<Job>[] => {
      // A name is resolved by the container itself (Docker's DNS): only addresses go the fast way.
      const byName = (target: string) => (job.cells.get(target) ?? []).some((cell) => cell.by === "name");
      const ips = targets.filter((target) => !byName(target) && !isCheckTarget(target));
      // tcp, udp and mtu run only in the host's python3 checker (`fast` sources go there).
      const checks = targets.filter(isCheckTarget);
      const names = targets.filter(byName);
      // A host as the source: the checks run in the host's own network namespace (see HOST_SOURCE_ID).
      const pid =
        endpointHost(job.container) !== undefined ? { pid: 1, id: HOST_SOURCE_ID } : read.pids.get(job.container);
      const base = { job, container: job.container, ...(pid ? { pid: pid.pid, id: pid.id } : {}) };
      return [
        // A host source only ever runs in the host's python3 pinger: the shell scripts enter a PID's netns.
        ...(ips.length
          ? [{ ...base, mode: endpointHost(job.container) !== undefined ? ("fast" as const) : ipMode, targets: ips }]
          : []),
        ...(checks.length ? [{ ...base, mode: "fast" as const, targets: checks }] : []),
        ...(names.length ? [{ ...base, mode: "exec" as const, targets: names }] : []),
      ];
    };

    const retry = new Map<Job, Map<string, { raw: string; expectations: ExpectCell[] }>>();
    const first = jobs.flatMap((job) => batches(job, job.targets, "fast"));
    await runHostProbe(
      read.connection,
      this.settings,
      first,
      ({ job }, target, result, command) => {
        for (const expectation of job.cells.get(target) ?? []) {
          const cell = this.cell(expectation, result, 1, command);
          if (cell.verdict === "pass") {
            this.finish(cell, expectation);
            continue;
          }
          const failed = retry.get(job) ?? new Map<string, { raw: string; expectations: ExpectCell[] }>();
          retry.set(job, failed);
          const entry = failed.get(target) ?? {
            raw: result.raw || (result.kind === "error" ? result.error : ""),
            expectations: [],
          };
          entry.expectations.push(expectation);
          failed.set(target, entry);
        }
      },
      this.signal,
    );
    await beforeRetry();
    if (retry.size === 0 || this.signal?.aborted) return;
    // The framed script keeps ping's own messages (ICMP errors for the diagnosis) but runs three
    // processes per target, all at once: past a few dozen failed targets on a host it would load the
    // host more than the first pass did, so those retry the lean way again.
    const failedTargets = [...retry.values()].reduce((sum, failed) => sum + failed.size, 0);
    const ipMode = failedTargets <= FRAMED_RETRY_MAX_TARGETS ? "framed" : "fast";
    const second = [...retry].flatMap(([job, failed]) => {
      this.emit({ type: "retry", from: job.container, targets: [...failed.keys()] });
      return batches(job, [...failed.keys()], ipMode);
    });
    await runHostProbe(
      read.connection,
      this.settings,
      second,
      ({ job }, target, result, command) => {
        const earlier = retry.get(job)?.get(target);
        const raw = `--- attempt 1 ---\n${earlier?.raw ?? ""}\n--- attempt 2 ---\n${result.raw}`;
        for (const expectation of earlier?.expectations ?? [])
          this.finish(this.cell(expectation, result, 2, command, raw), expectation);
      },
      this.signal,
    );
  }

  /** The hosts' full observed state, read once on the first failure (over the connections already open). */
  private snapshot(): Promise<Observed> {
    this.observed ??= Promise.all(
      [...this.reads].map(async ([host, read]) =>
        "error" in read ? { ...freshHost(host), reachable: false, error: read.error } : observeHost(read.connection),
      ),
    ).then((snapshots) => Object.fromEntries(snapshots.map((snapshot) => [snapshot.host, snapshot])));
    return this.observed;
  }
}

/**
 * Starts the responder on each host holding a target of a tcp/udp cell, on that container's service
 * ports, hosts in parallel. Bounded: at most RESPONDER_MAX_PORTS ports, and each responder ends by itself
 * after the run's longest possible time (it is also stopped as soon as the run is over).
 */
async function startResponders(
  topology: Topology,
  matrix: readonly ExpectCell[],
  reads: Map<string, HostRead>,
  settings: ProbeSettings,
): Promise<RunningResponder[]> {
  const targets = [...new Set(matrix.filter((cell) => cell.by === "tcp" || cell.by === "udp").map((cell) => cell.to))];
  const services = responderServices(topology, targets);
  const count = [...services.values()].reduce((sum, list) => sum + list.length, 0);
  if (count > RESPONDER_MAX_PORTS)
    throw new ProbeLimitError(
      `the responder would open ${count} ports, more than ${RESPONDER_MAX_PORTS}: select fewer targets with to`,
    );
  const lifetimeS = Math.min(300, 2 * (wallBoundS(settings) + 15) + 30);
  const started = await Promise.all(
    [...services].map(async ([host, list]) => {
      const read = reads.get(host);
      if (!read || "error" in read) return undefined;
      const ports = list.flatMap(({ container, proto, port }) => {
        const pid = read.pids.get(container);
        return pid ? [{ container, pid: pid.pid, id: pid.id, proto, port }] : [];
      });
      return ports.length ? startResponder(host, read.connection, ports, lifetimeS) : undefined;
    }),
  );
  return started.filter((responder): responder is RunningResponder => responder !== undefined);
}
