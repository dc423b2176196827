import { readFile } from "node:fs/promises";
import { Agent, type ClientRequestArgs } from "node:http";
import type { Duplex } from "node:stream";
import { inspect } from "node:util";
import Dockerode from "dockerode";
import type { DockerEndpoint } from "../inventory/schema";
import type { Audit } from "./audit";
import { DockerApiError, DockerEndpointError } from "./errors";
import type { SshSession } from "./ssh";

/**
 * The newest Docker Engine API version Crossnet knows (Docker 26's). Each connection speaks the lower of
 * this and what the daemon serves (`GET /version`): 1.41 with Docker 20.10, 1.45 with 26 and later.
 */
export const MAX_DOCKER_API_VERSION = "1.45";
/** What a daemon that does not say its API version is spoken to with (Docker 20.10's, served by every later one). */
export const FALLBACK_DOCKER_API_VERSION = "1.41";

/** A daemon's `GET /version` as the connection read it, and the API version the connection speaks. */
export type DockerEngineInfo = {
  /** The raw `GET /version` answer (untrusted: lib/observe checks its shape). */
  raw: unknown;
  /** API version used for every call of this connection, e.g. `1.45` (no `v`). */
  apiVersion: string;
};

/** `a < b` for API versions `1.N`. */
function olderApi(a: string, b: string): boolean {
  const minor = (version: string) => Number(version.split(".")[1] ?? 0);
  return minor(a) < minor(b);
}

/**
 * The API version to speak with a daemon whose `GET /version` answered `raw`: the lower of its
 * `ApiVersion` and {@link MAX_DOCKER_API_VERSION} (Docker's own client negotiates the same way);
 * {@link FALLBACK_DOCKER_API_VERSION} when the answer names none.
 */
export function negotiateApiVersion(raw: unknown): string {
  const served = typeof raw === "object" && raw !== null ? (raw as { ApiVersion?: unknown }).ApiVersion : undefined;
  if (typeof served !== "string" || !/^1\.\d{1,3}$/.test(served)) return FALLBACK_DOCKER_API_VERSION;
  return olderApi(served, MAX_DOCKER_API_VERSION) ? served : MAX_DOCKER_API_VERSION;
}

/** How the API is reached; `ssh-socket` and `ssh-dial-stdio` both ride the host's verified SSH connection. */
export type DockerRoute = "ssh-socket" | "ssh-dial-stdio" | "tls";

export type DockerClientOptions = {
  audit: Audit;
  who: string;
  runId?: string;
  /** Per-call limit. Default 30 s. */
  timeoutMs?: number;
};

/**
 * Read access to one host's Docker Engine API, each call audited (method + path + HTTP status).
 * Results are returned as `unknown`: they come from the host and lib/observe checks their shape.
 */
export class DockerClient {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly host: string,
    readonly route: DockerRoute,
    private readonly api: Dockerode,
    private readonly fingerprint: string | null,
    private readonly options: DockerClientOptions,
    /** The daemon's version answer and the API version this client speaks (see {@link connectDocker}). */
    readonly engine: DockerEngineInfo = { raw: undefined, apiVersion: FALLBACK_DOCKER_API_VERSION },
  ) {}

  /** `GET /info`: swarm state, cluster store, daemon facts. */
  info(): Promise<unknown> {
    // dockerode reads opts.abortSignal for info() too; its type declarations only lack the overload.
    const info = this.api.info as unknown as (opts: { abortSignal: AbortSignal }) => Promise<unknown>;
    return this.call("/info", (abortSignal) => info.call(this.api, { abortSignal }));
  }

  /** `GET /version`: engine version, API version (the connection's own answer is in {@link engine}). */
  version(): Promise<unknown> {
    // dockerode reads opts.abortSignal for version() too; its type declarations only lack the overload.
    const version = this.api.version as unknown as (opts: { abortSignal: AbortSignal }) => Promise<unknown>;
    return this.call("/version", (abortSignal) => version.call(this.api, { abortSignal }));
  }

  /** `GET /networks`: every network with IPAM, options and labels. */
  listNetworks(): Promise<unknown> {
    return this.call("/networks", (abortSignal) => this.api.listNetworks({ abortSignal }));
  }

  /** `GET /containers/json?all=true`: every container, running or not, with its networks. */
  listContainers(): Promise<unknown> {
    return this.call("/containers/json?all=true", (abortSignal) => this.api.listContainers({ all: true, abortSignal }));
  }

  /** `GET /networks/{name}`: on a swarm manager it lists the overlay's endpoints there, `lb-NET` included. */
  inspectNetwork(name: string): Promise<unknown> {
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/.test(name))
      throw new DockerApiError(this.host, "refusing to inspect a malformed network name");
    const network = this.api.getNetwork(name);
    // As for info(): dockerode reads opts.abortSignal here too; its type declarations only lack the overload.
    const inspect = network.inspect as unknown as (opts: { abortSignal: AbortSignal }) => Promise<unknown>;
    return this.call(`/networks/${name}`, (abortSignal) => inspect.call(network, { abortSignal }));
  }

  /** `GET /containers/{id}/json`. */
  inspectContainer(id: string): Promise<unknown> {
    if (!/^[0-9a-f]{12,64}$/.test(id))
      throw new DockerApiError(this.host, "refusing to inspect a malformed container id");
    return this.call(`/containers/${id}/json`, (abortSignal) => this.api.getContainer(id).inspect({ abortSignal }));
  }

  /**
   * One request at a time per host: they share one kept-alive stream (a single dial-stdio process)
   * instead of racing to open one each, and each takes milliseconds once the stream is open.
   */
  private call<T>(path: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const next = this.tail.then(
      () => this.send(path, run),
      () => this.send(path, run),
    );
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async send<T>(path: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const started = performance.now();
    let status: number | null = 200;
    try {
      return await run(AbortSignal.timeout(this.options.timeoutMs ?? 30_000));
    } catch (error) {
      const e = error as Error & { statusCode?: number };
      status = typeof e.statusCode === "number" ? e.statusCode : null;
      const why = e.name === "TimeoutError" || e.name === "AbortError" ? "no answer in time" : e.message;
      throw new DockerApiError(this.host, `Docker API GET ${path} failed (${this.route}): ${why}`);
    } finally {
      this.options.audit.record({
        kind: "api",
        who: this.options.who,
        host: this.host,
        hostKeyFingerprint: this.fingerprint,
        runId: this.options.runId ?? null,
        method: "GET",
        path: this.engine.apiVersion ? `/v${this.engine.apiVersion}${path}` : path,
        exitCode: status,
        durationMs: Math.round(performance.now() - started),
      });
    }
  }
}

/**
 * An http.Agent whose "sockets" are streams opened over the host's existing SSH connection, so
 * the Docker API reuses the verified connection instead of dialling (and trusting) a new one.
 * Streams are kept alive and reused: a `docker system dial-stdio` process serves many requests.
 */
class StreamAgent extends Agent {
  constructor(
    private readonly open: () => Promise<Duplex>,
    maxSockets: number,
  ) {
    super({ keepAlive: true, maxSockets });
  }

  /**
   * docker-modem formats every request's options with `util.inspect` (hidden properties, no depth
   * limit) even when its debug log is off; without this, each Docker API request walked this
   * agent's live SSH streams (the whole ssh2 client): about 6 s of CPU over a 128-container apply,
   * re-apply and probe on the 2-core lab machine.
   */
  [inspect.custom](): string {
    return "StreamAgent(ssh)";
  }

  override createConnection(
    _options: ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    this.open().then(
      (stream) => callback?.(null, socketLike(stream)),
      (error: Error) => callback?.(error, undefined as never),
    );
    return undefined;
  }
}

/** http.Agent keeps sockets alive with net.Socket methods an SSH channel lacks; they are no-ops here. */
function socketLike(stream: Duplex): Duplex {
  const target = stream as Duplex & Record<string, unknown>;
  for (const method of ["setKeepAlive", "setNoDelay", "setTimeout", "ref", "unref"]) {
    if (typeof target[method] !== "function") target[method] = () => stream;
  }
  return stream;
}

/**
 * Connects to a host's Docker API as its inventory says:
 * - `ssh`: over the host's SSH connection: a direct stream to the daemon's unix socket when the
 *   login environment names one (or the default `/var/run/docker.sock`), else
 *   `docker system dial-stdio` (what `docker -H ssh://` runs). No second connection, same pinned key.
 * - `unix:///path`: that socket on the host, through the SSH connection.
 * - `tcp://host:port` with `tls`: mutual TLS with the given CA, certificate and key files.
 * Plain TCP is refused: anyone who reaches it is root on the host.
 * @throws DockerEndpointError
 */
export async function connectDocker(
  host: string,
  endpoint: DockerEndpoint | { endpoint: string },
  ssh: SshSession,
  options: DockerClientOptions,
): Promise<DockerClient> {
  const spec = endpoint.endpoint;
  // The host name is a placeholder: every request goes through the agent's stream (one per host,
  // shared by the unversioned /version call and the versioned client).
  const viaStream = async (route: DockerRoute, open: () => Promise<Duplex>) => {
    const agent = new StreamAgent(open, 1);
    const base = { host: "docker", port: 80, protocol: "http" as const, agent };
    const engine = await askVersion(host, route, new Dockerode(base), ssh.fingerprint, options);
    const api = new Dockerode({ ...base, version: `v${engine.apiVersion}` });
    return new DockerClient(host, route, api, ssh.fingerprint, options, engine);
  };
  if (spec === "ssh") {
    const socket = remoteDockerSocket(ssh);
    if (socket && (await canOpen(ssh, socket))) return viaStream("ssh-socket", () => ssh.openUnixSocket(socket));
    return viaStream("ssh-dial-stdio", () => ssh.openCommandStream(["docker", "system", "dial-stdio"]));
  }
  if (spec.startsWith("unix://")) {
    const path = spec.slice("unix://".length);
    return viaStream("ssh-socket", () => ssh.openUnixSocket(path));
  }
  const tcp = /^tcp:\/\/([A-Za-z0-9.-]+):(\d{1,5})$/.exec(spec);
  if (tcp && "tls" in endpoint) {
    const tls = endpoint.tls as { ca: string; cert: string; key: string };
    const [ca, cert, key] = await Promise.all([tls.ca, tls.cert, tls.key].map((file) => readTlsFile(host, file)));
    const base = { host: tcp[1], port: Number(tcp[2]), protocol: "https" as const, ca, cert, key };
    const engine = await askVersion(host, "tls", new Dockerode(base), null, options);
    const api = new Dockerode({ ...base, version: `v${engine.apiVersion}` });
    return new DockerClient(host, "tls", api, null, options, engine);
  }
  throw new DockerEndpointError(
    host,
    `refusing Docker endpoint ${spec.slice(0, 80)}: plain TCP to the Docker API is root for anyone on the network. ` +
      "Use `endpoint: ssh`, a unix socket (unix:///var/run/docker.sock), or tcp:// with tls: {ca, cert, key}",
  );
}

/**
 * `GET /version` without a version prefix (every daemon answers it), audited like every call, and the
 * API version the connection will speak. A daemon that cannot be asked fails the connection.
 */
async function askVersion(
  host: string,
  route: DockerRoute,
  unversioned: Dockerode,
  fingerprint: string | null,
  options: DockerClientOptions,
): Promise<DockerEngineInfo> {
  const probe = new DockerClient(host, route, unversioned, fingerprint, options, { raw: undefined, apiVersion: "" });
  const raw = await probe.version();
  return { raw, apiVersion: negotiateApiVersion(raw) };
}

/**
 * The daemon socket the session's `docker` would use: `DOCKER_HOST` when it is a unix socket, the
 * default socket when unset; undefined for anything else (then dial-stdio lets the remote CLI decide).
 */
function remoteDockerSocket(ssh: SshSession): string | undefined {
  const value = ssh.login.dockerHost;
  if (value === undefined || value === "") return "/var/run/docker.sock";
  return /^unix:\/\/(\/[A-Za-z0-9_./-]+)$/.exec(value)?.[1];
}

async function canOpen(ssh: SshSession, socket: string): Promise<boolean> {
  try {
    const stream = await ssh.openUnixSocket(socket);
    stream.destroy();
    return true;
  } catch {
    return false;
  }
}

async function readTlsFile(host: string, file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "read error";
    throw new DockerEndpointError(host, `cannot read TLS file ${file} (${code}): check docker.tls in the inventory`);
  }
}
