/**
 * The Docker engines a lab host can run. `20.10` is the system's docker.io (Debian 12), the default and
 * the only one with `--cluster-store` (KV-store overlays). `26` is Debian 13's docker.io (dockerd 26.1.x),
 * unpacked next to it by scripts/setup-lab.sh into {@link ENGINE_26_DIR}, never installed over it.
 */
import "server-only";
import { DOCKER_API_VERSIONS } from "../../exec/docker";
import { LAB_ENGINES, type LabEngine, type LabHostSpec, type LabSpec } from "./spec";

export { LAB_ENGINES, type LabEngine } from "./spec";
/** The engine of a host whose spec names none (today's behaviour). */
export const DEFAULT_LAB_ENGINE: LabEngine = "20.10";

/** Where scripts/setup-lab.sh unpacks Debian 13's docker.io (a dpkg-deb -x tree: usr/sbin/dockerd, …). */
export const ENGINE_26_DIR = "/opt/cn-engines/docker-26";

/** Docker API version each engine speaks at most (the one table, in lib/exec/docker.ts). */
const API_VERSIONS: Record<LabEngine, string> = DOCKER_API_VERSIONS;

/** True when `value` names an engine the lab can run. */
export function isLabEngine(value: unknown): value is LabEngine {
  return typeof value === "string" && (LAB_ENGINES as readonly string[]).includes(value);
}

/** The engine host `host` runs (its `docker` field, or the default 20.10). */
export function engineOf(host: Pick<LabHostSpec, "docker">): LabEngine {
  return host.docker ?? DEFAULT_LAB_ENGINE;
}

/** Docker API version of `engine`, e.g. `1.45` for 26 (no leading `v`). */
export function engineApiVersion(engine: LabEngine): string {
  return API_VERSIONS[engine];
}

/**
 * Programs of an engine that does not come from the system's packages: its dockerd, and the
 * docker-proxy and docker-init that must match it (dockerd would otherwise find 20.10's in PATH).
 * Null for 20.10, whose programs are found in PATH. containerd and runc come from the system for both
 * (26 needs containerd ≥ 1.4 and runc ≥ 1.0, which Debian 12 has).
 */
export function enginePrograms(engine: LabEngine): { dockerd: string; proxy: string; init: string } | null {
  if (engine === "20.10") return null;
  return {
    dockerd: `${ENGINE_26_DIR}/usr/sbin/dockerd`,
    proxy: `${ENGINE_26_DIR}/usr/sbin/docker-proxy`,
    init: `${ENGINE_26_DIR}/usr/bin/docker-init`,
  };
}

/** Which engine each host runs: one for all, or by host name (hosts not named keep the default). */
export type EngineChoice = LabEngine | Readonly<Record<string, LabEngine>>;

/**
 * Parses the CLI's `--docker` value: `26` (every host), or `node-1=26,node-2=20.10` (by host).
 * Returns the choice, or a sentence saying what is wrong.
 */
export function parseEngineChoice(text: string): EngineChoice | { error: string } {
  const wanted = `one of ${LAB_ENGINES.join(", ")}`;
  if (!text.includes("=")) return isLabEngine(text) ? text : { error: `--docker '${text}' is not ${wanted}` };
  const byHost: Record<string, LabEngine> = {};
  for (const part of text.split(",")) {
    const [host = "", engine = "", ...extra] = part.split("=");
    if (host === "" || extra.length > 0) {
      return { error: `--docker '${part}' must look like HOST=ENGINE, e.g. node-1=26` };
    }
    if (!isLabEngine(engine)) return { error: `--docker ${host}=${engine}: '${engine}' is not ${wanted}` };
    if (host in byHost) return { error: `--docker names host '${host}' twice` };
    byHost[host] = engine;
  }
  return byHost;
}

/**
 * `spec` with each host's engine set from `choice`. Throws a RangeError naming the hosts a by-host
 * choice names that the spec does not have (a typo would otherwise silently keep 20.10).
 */
export function withEngines(spec: LabSpec, choice: EngineChoice | undefined): LabSpec {
  if (choice === undefined) return spec;
  if (typeof choice === "string") return { ...spec, hosts: spec.hosts.map((host) => ({ ...host, docker: choice })) };
  const names = new Set(spec.hosts.map((host) => host.name));
  const unknown = Object.keys(choice).filter((name) => !names.has(name));
  if (unknown.length > 0) {
    throw new RangeError(
      `--docker names ${unknown.map((name) => `'${name}'`).join(", ")}, not a host of lab '${spec.name}' (hosts: ${[...names].join(", ")})`,
    );
  }
  return {
    ...spec,
    hosts: spec.hosts.map((host) => (choice[host.name] ? { ...host, docker: choice[host.name] } : host)),
  };
}
