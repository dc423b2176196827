import "server-only";
import { isAbsolute, resolve } from "node:path";
import type { Inventory } from "../inventory/schema";
import type { Audit } from "./audit";
import { connectDocker, type DockerClient } from "./docker";
import { TransportError } from "./errors";
import { connectSsh, type SshOptions, type SshSession, type SshTarget } from "./ssh";

/** An open, verified connection to one host: its SSH session and its Docker API over it. */
export type HostConnection = {
  host: string;
  ssh: SshSession;
  docker: DockerClient;
};

export type HostPoolOptions = {
  audit: Audit;
  who: string;
  runId?: string;
  /** Directory that relative key paths in the inventory are relative to (the inventory file's). */
  baseDir: string;
  /** SSH tuning (timeouts, keepalive); audit/who/runId come from above. */
  ssh?: Omit<SshOptions, "audit" | "who" | "runId">;
  /**
   * A credential held in memory for `host` (the dashboard's encrypted key store), used instead of
   * the inventory's `ssh.key`; undefined to use the key file or agent as usual.
   */
  credential?: (host: string) => SshTarget["credential"];
};

/**
 * One connection per inventory host, opened on first use and reused; a connection that died is
 * reopened on the next `get`. The pool is the only place that reads the inventory's SSH settings.
 */
export class HostPool {
  private readonly connections = new Map<string, Promise<HostConnection>>();
  private readonly openNow = new Map<string, HostConnection>();

  constructor(
    readonly inventory: Inventory,
    private readonly options: HostPoolOptions,
  ) {}

  /** Hosts the inventory knows. */
  get hosts(): string[] {
    return Object.keys(this.inventory.hosts).sort();
  }

  /**
   * The connection to `host`, opening it if needed.
   * @throws TransportError (unknown host, host key mismatch, connect/auth failure, non-POSIX shell).
   */
  get(host: string): Promise<HostConnection> {
    const cached = this.connections.get(host);
    if (cached) {
      return cached.then(
        (connection) => (connection.ssh.closed ? this.open(host) : connection),
        () => this.open(host),
      );
    }
    return this.open(host);
  }

  /** The connection to `host` if it is open now; never dials. */
  current(host: string): HostConnection | undefined {
    const connection = this.openNow.get(host);
    return connection && !connection.ssh.closed ? connection : undefined;
  }

  /** Closes every connection. */
  async close(): Promise<void> {
    const all = [...this.connections.values()];
    this.connections.clear();
    this.openNow.clear();
    for (const result of await Promise.allSettled(all)) {
      if (result.status === "fulfilled") result.value.ssh.close();
    }
  }

  private open(host: string): Promise<HostConnection> {
    const promise = this.connect(host).then((connection) => {
      this.openNow.set(host, connection);
      return connection;
    });
    this.connections.set(host, promise);
    promise.catch(() => undefined);
    return promise;
  }

  private async connect(host: string): Promise<HostConnection> {
    const entry = this.inventory.hosts[host];
    if (!entry) {
      throw new TransportError(host, "not in the inventory: add it under hosts:, or check the design's host names");
    }
    const key =
      entry.ssh.key === "agent" || isAbsolute(entry.ssh.key)
        ? entry.ssh.key
        : resolve(this.options.baseDir, entry.ssh.key);
    const identity = { audit: this.options.audit, who: this.options.who, runId: this.options.runId };
    const credential = this.options.credential?.(host);
    const ssh = await connectSsh(
      {
        host,
        address: entry.address,
        port: entry.ssh.port,
        user: entry.ssh.user,
        key,
        hostKey: entry.ssh.hostKey,
        ...(credential ? { credential } : {}),
      },
      { ...this.options.ssh, ...identity },
    );
    try {
      const docker = await connectDocker(host, entry.docker, ssh, identity);
      return { host, ssh, docker };
    } catch (error) {
      ssh.close();
      throw error;
    }
  }
}
