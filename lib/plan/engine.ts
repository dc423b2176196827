/**
 * What the planner decides from each host's observed Docker engine (`docker.engine`, read by lib/observe
 * from `GET /version`). Pure.
 *
 * The commands Crossnet runs (`docker run -itd --ip --network --network-alias --label`, `docker network
 * create -d … --subnet --gateway --ip-range -o --attachable --label`, `network connect --ip --alias`,
 * `network disconnect -f`, `swarm init/join --advertise-addr`) take the same flags on Docker 20.10 and 26
 * (checked on both in the lab suite). What differs is the daemon: `--cluster-store` and
 * `--cluster-advertise` (flags and daemon.json keys) were removed in Docker 23, and a dockerd 23+ refuses
 * to start with them in daemon.json. So a KV-store overlay needs an engine older than 23 on every host
 * it spans; on a newer one the plan reports a conflict and writes no cluster store there.
 */
import { t } from "../i18n/text";
import { entries, kvOf, networkHosts } from "../topology/model";
import type { PlanContext } from "./context";
import type { ObservedEngine } from "./observed";

/** First Docker major version without `--cluster-store` (KV-store overlays). */
export const CLUSTER_STORE_REMOVED_IN = 23;

/** The major version of an engine (`26.1.5+dfsg1` → 26), or undefined when unknown or malformed. */
export function engineMajor(engine: ObservedEngine | undefined): number | undefined {
  const match = engine ? /^(\d{1,4})\./.exec(engine.version) : null;
  return match ? Number(match[1]) : undefined;
}

/**
 * True when the engine still has `--cluster-store`. An unknown engine (a fresh host in `crossnet plan`,
 * a daemon that did not say) is given the benefit of the doubt: the plan stays as the design asks.
 */
export function hasClusterStore(engine: ObservedEngine | undefined): boolean {
  const major = engineMajor(engine);
  return major === undefined || major < CLUSTER_STORE_REMOVED_IN;
}

/**
 * One conflict per (KV-store overlay, reachable host it spans) whose engine is 23 or newer, naming the
 * network's path in the design, the host and its version, and pointing to `control: swarm`.
 */
export function planEngineChecks(ctx: PlanContext): void {
  for (const [name, network] of entries(ctx.topology.networks)) {
    const kv = kvOf(network);
    if (!kv) continue;
    for (const host of networkHosts(ctx.topology, name)) {
      if (!ctx.reachable(host)) continue;
      const engine = ctx.snapshot(host).docker.engine;
      if (!engine || hasClusterStore(engine)) continue;
      ctx.conflict({
        host,
        resourceId: `network:${name}@${host}`,
        message: t`networks.${name}.control: the KV-store overlay '${name}' cannot run on ${host}: it runs Docker ${engine.version} (API ${engine.apiVersion}), and --cluster-store was removed in Docker ${CLUSTER_STORE_REMOVED_IN}`,
        hint: t`Use control: swarm for '${name}' (swarm mode overlays work on every Docker since 1.12), or run Docker 20.10 or older on ${host}. Crossnet writes no cluster store there: a dockerd ${CLUSTER_STORE_REMOVED_IN}+ refuses to start with one in daemon.json.`,
      });
    }
  }
}
