import { t } from "../i18n/text";
import { underlayPath } from "../topology/model";
import { dockerCmd, LABEL_KEY } from "./commands";
import type { PlanContext } from "./context";
import { DAEMON_JSON, DAEMON_JSON_BACKUP, daemonJsonCmd, mergeDaemonJson } from "./daemon-json";
import { hasClusterStore } from "./engine";
import { addressOfIface, firstAddress, firstIface } from "./host-addresses";
import { kvPort, kvStoreAddresses, planKvFirewall } from "./kv-firewall";

// KV-store overlays (the tutorial's --cluster-store way, Docker 20.10 and older): the store itself and
// each dockerd's --cluster-store / --cluster-advertise.

/** `etcd://node-1:2379` → `etcd://192.168.0.101:2379`, resolving a design host to its address as seen from `from`. */
export function resolveKv(
  ctx: PlanContext,
  kv: string,
  from: string,
): { url: string; kvHost?: string; address?: string } {
  const match = /^([a-z]+):\/\/([^:]+):([0-9]+)$/.exec(kv);
  if (!match) return { url: kv };
  const [, scheme, host = "", port] = match;
  if (!(host in ctx.topology.hosts)) return { url: kv, address: host };
  const path = underlayPath(ctx.topology.hosts[from], ctx.topology.hosts[host]);
  const address = path?.toAddress ?? firstAddress(ctx, host);
  return { url: `${scheme}://${address ?? host}:${port}`, kvHost: host, address };
}

/** Dockerd's --cluster-store / --cluster-advertise for KV-store overlays (Docker 20.10 and older). */
export function planDaemons(ctx: PlanContext): void {
  const hosts = ctx.kvHosts();
  const started = new Set<string>();
  const firewalled = new Set<string>();
  // The last planned gossip wait: the next host's restart waits for it (see the restart below).
  let previousGossip: string | undefined;
  for (const [host, kv] of hosts) {
    // A Docker 23+ host gets a conflict (planEngineChecks) and no cluster store: dockerd would not start.
    if (!ctx.reachable(host) || !hasClusterStore(ctx.snapshot(host).docker.engine)) continue;
    const resolved = resolveKv(ctx, kv, host);
    if (ctx.options.kvProvided && ctx.options.kvUrl) resolved.url = ctx.options.kvUrl;
    const kvHost = resolved.kvHost;
    const path =
      kvHost && kvHost !== host ? underlayPath(ctx.topology.hosts[host], ctx.topology.hosts[kvHost]) : undefined;
    const advertiseIface = path?.fromIface ?? firstIface(ctx, host);
    const advertise = `${advertiseIface}:2376`;
    let kvStep: string | undefined;
    if (kvHost && !ctx.options.kvProvided && !started.has(kvHost)) {
      started.add(kvHost);
      kvStep = planKvStore(ctx, kv, kvHost, resolved.address ?? kvHost);
    } else if (kvHost) kvStep = `kv:${kvHost}/start-kv-store`;
    const port = kvPort(resolved.url);
    if (kvHost && port !== undefined && !firewalled.has(kvHost)) {
      firewalled.add(kvHost);
      planKvFirewall(ctx, kvHost, port, resolved.address, ctx.has(kvStep ?? "") ? kvStep : undefined);
    }
    const docker = ctx.snapshot(host).docker;
    const advertiseAddress = addressOfIface(ctx, host, advertiseIface);
    const advertised =
      docker.clusterAdvertise === advertise ||
      (advertiseAddress !== undefined && docker.clusterAdvertise === `${advertiseAddress}:2376`);
    if (docker.clusterStore === resolved.url && advertised) continue;
    const resourceId = `daemon@${host}`;
    const observedConfig = ctx.snapshot(host).daemonJson;
    const config = observedConfig ?? {};
    const merged = mergeDaemonJson(config, { "cluster-store": resolved.url, "cluster-advertise": advertise });
    if (!merged.ok) {
      ctx.conflict({
        host,
        resourceId,
        message: t`${host}'s ${DAEMON_JSON} cannot be merged: ${merged.reason}`,
        hint: t`Crossnet changes only cluster-store and cluster-advertise in that file and keeps the rest; fix the file by hand (or move it away), then apply again.`,
      });
      continue;
    }
    let written: string | undefined;
    if (merged.changed) {
      const backup = config.backup
        ? undefined
        : ctx.add({
            phase: "daemon",
            host,
            kind: "backup-daemon-json",
            resourceId,
            action: "+",
            cause:
              observedConfig === undefined
                ? t`not read yet`
                : config.text === undefined
                  ? t`no ${DAEMON_JSON}`
                  : t`no backup of ${DAEMON_JSON}`,
            argv:
              observedConfig === undefined
                ? daemonJsonCmd.backupEither()
                : config.text === undefined
                  ? daemonJsonCmd.markNone()
                  : daemonJsonCmd.backup(),
            explain:
              config.text === undefined && observedConfig !== undefined
                ? t`Notes that ${host} had no ${DAEMON_JSON}, so destroy removes the one Crossnet writes.`
                : t`Keeps a byte-exact copy of ${host}'s ${DAEMON_JSON} as ${DAEMON_JSON_BACKUP} (or notes that there was none); destroy puts it back.`,
            dependsOn: kvStep ? [kvStep] : [],
          });
      written = ctx.add({
        phase: "daemon",
        host,
        kind: "set-cluster-store",
        resourceId,
        action: "~",
        cause: docker.clusterStore ? t`cluster store is ${docker.clusterStore}` : t`no cluster store`,
        argv: daemonJsonCmd.write(),
        stdin: merged.text,
        explain: t`Tells dockerd where the KV store is (${resolved.url}) and which address to advertise to the other hosts (${advertise}), merged into ${DAEMON_JSON}: its other settings stay. The tutorial edited ExecStart in docker.service and also opened -H tcp://0.0.0.0:2376; Crossnet leaves that out: an unauthenticated Docker API on the network is root for anyone who reaches it.`,
        dependsOn: [...(kvStep ? [kvStep] : []), ...(backup ? [backup] : [])],
      });
    }
    // dockerd 20.10 joins exactly one gossip (serf) neighbour in its life: the last host the store
    // listed when its own gossip came up, retried only when the store lists a new host. Restarted
    // together, dockerds can try neighbours whose gossip is not up yet and stay alone, or split into
    // groups that never merge (containers across groups never learn of each other). One at a time,
    // each after the previous one gossips, every dockerd's one join lands in the one group.
    const restarted = ctx.add({
      phase: "daemon",
      host,
      kind: "restart-docker",
      resourceId,
      action: "~",
      cause: t`new daemon settings`,
      argv: dockerCmd.restart(),
      explain: t`Restarts dockerd so it registers with the KV store (running containers stop unless they have a restart policy).`,
      dependsOn: [...(written ? [written] : kvStep ? [kvStep] : []), ...(previousGossip ? [previousGossip] : [])],
    });
    previousGossip = ctx.add({
      phase: "daemon",
      host,
      kind: "wait-gossip",
      resourceId,
      action: "~",
      cause: t`new daemon settings`,
      argv: dockerCmd.waitGossip(),
      explain: t`Waits (at most 30 s) until dockerd's overlay gossip (serf, TCP port 7946) listens, before the next host's dockerd restarts: dockerd 20.10 joins just one gossip neighbour in its life, so dockerds restarted together can split into groups whose containers never learn of each other.`,
      dependsOn: [restarted],
    });
  }
}

/**
 * Destroy's half of the merge: on each host of the design's KV-store overlays where Crossnet kept the
 * original daemon.json, put it back byte for byte (or remove the file when there was none) and restart
 * dockerd so it runs with its own settings again.
 */
export function planDaemonRestore(ctx: PlanContext, hosts: Iterable<string>): void {
  for (const host of hosts) {
    if (!ctx.reachable(host)) continue;
    const backup = ctx.snapshot(host).daemonJson?.backup;
    if (!backup) continue;
    const resourceId = `daemon@${host}`;
    const restored = ctx.add({
      phase: "daemon",
      host,
      kind: "restore-daemon-json",
      resourceId,
      action: "~",
      cause: t`destroy`,
      argv: backup === "copy" ? daemonJsonCmd.restore() : daemonJsonCmd.removeWritten(),
      explain:
        backup === "copy"
          ? t`Puts back ${host}'s own ${DAEMON_JSON}, as it was before Crossnet merged its cluster store into it.`
          : t`Removes the ${DAEMON_JSON} Crossnet wrote: ${host} had none before.`,
    });
    ctx.add({
      phase: "daemon",
      host,
      kind: "restart-docker",
      resourceId,
      action: "~",
      cause: t`daemon settings restored`,
      argv: dockerCmd.restart(),
      explain: t`Restarts dockerd so it runs with the host's own settings again (without the cluster store).`,
      dependsOn: [restored],
    });
  }
}

/** The container that serves a KV store on a design host, as {@link kvStoreStep} names it. */
export function kvStoreName(kv: string): string {
  return kv.startsWith("consul://") ? "consul" : "etcd";
}

/** `name@host` of the KV store containers the design needs (none when the environment provides the store). */
export function designKvStores(ctx: PlanContext): Set<string> {
  const stores = new Set<string>();
  if (ctx.options.kvProvided) return stores;
  for (const [host, kv] of ctx.kvHosts()) {
    const kvHost = resolveKv(ctx, kv, host).kvHost;
    if (kvHost) stores.add(`${kvStoreName(kv)}@${kvHost}`);
  }
  return stores;
}

/** Starts the KV store on its host unless it already runs there; returns the step that makes it ready. */
function planKvStore(ctx: PlanContext, kv: string, kvHost: string, address: string): string | undefined {
  if (!ctx.reachable(kvHost)) return undefined;
  const name = kvStoreName(kv);
  const existing = ctx.snapshot(kvHost).docker.containers.find((candidate) => candidate.name === name);
  if (!existing) return ctx.add(kvStoreStep(ctx, kv, kvHost, address));
  if (existing.labels[LABEL_KEY] !== ctx.topology.name) {
    ctx.conflict({
      host: kvHost,
      resourceId: `kv:${kvHost}`,
      message: t`a container named ${name} already exists on ${kvHost} and was not created by Crossnet`,
      hint: t`Remove it by hand ('docker rm -f ${name}'), or run the store elsewhere and name that host in the overlay's control.`,
    });
    return undefined;
  }
  if (existing.running) return undefined;
  return ctx.add({
    phase: "daemon",
    host: kvHost,
    kind: "start-container",
    resourceId: `kv:${kvHost}`,
    action: "~",
    cause: t`stopped`,
    argv: dockerCmd.start(name),
    explain: t`Starts the ${name} KV store again; it exists but is not running.`,
  });
}

/**
 * `-p ADDRESS:PORT:PORT` for each address the design's hosts reach the store's host at: the store is
 * published there only, never on 0.0.0.0 (lib/plan/kv-firewall.ts then admits only the design's hosts).
 */
function publish(ctx: PlanContext, kvHost: string, address: string, port: number): string[] {
  const addresses = kvStoreAddresses(ctx.topology, kvHost, address);
  if (addresses.length === 0) return ["-p", `${port}:${port}`];
  return addresses.flatMap((bound) => ["-p", `${bound}:${port}:${port}`]);
}

function kvStoreStep(ctx: PlanContext, kv: string, kvHost: string, address: string) {
  const consul = kv.startsWith("consul://");
  return {
    phase: "daemon" as const,
    host: kvHost,
    kind: "start-kv-store" as const,
    resourceId: `kv:${kvHost}`,
    action: "+" as const,
    cause: t`missing`,
    missing: true,
    argv: consul
      ? [
          "docker",
          "run",
          "-d",
          ...publish(ctx, kvHost, address, 8500),
          "-h",
          "consul",
          "--name",
          "consul",
          "--label",
          `crossnet.topology=${ctx.topology.name}`,
          "progrium/consul",
          "-server",
          "-bootstrap",
        ]
      : [
          "docker",
          "run",
          "-d",
          ...publish(ctx, kvHost, address, 2379),
          "--name",
          "etcd",
          "--label",
          `crossnet.topology=${ctx.topology.name}`,
          "quay.io/coreos/etcd:v3.4.34",
          "etcd",
          "--enable-v2",
          "--listen-client-urls",
          "http://0.0.0.0:2379",
          "--advertise-client-urls",
          `http://${address}:2379`,
        ],
    explain: consul
      ? t`Starts Consul, the key-value store where the overlay keeps its networks, endpoints and addresses (as in the tutorial).`
      : t`Starts etcd with its v2 API (dockerd 20.10 speaks only v2), the key-value store where the overlay keeps its networks, endpoints and addresses.`,
  };
}
