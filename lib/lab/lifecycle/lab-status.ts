import "server-only";
import { existsSync } from "node:fs";
import { isRunning, readPidFile } from "../os/proc";
import { daemonPidFile, LAB_DAEMONS, LAB_STATE_DIR, type LabDaemon } from "../paths";
import { hostNeedsOvs, type LabSpec } from "../spec/spec";
import type { LabDaemonStatus, LabHostStatus, LabStatus } from "../types";
import { readLabInfo } from "./lab-info";
import { findNamespaceLeftovers } from "./leftovers";

/** Daemons a host of `spec` is expected to run. */
export function expectedDaemons(spec: LabSpec, host: string): LabDaemon[] {
  const hostSpec = spec.hosts.find((candidate) => candidate.name === host);
  const ovs = hostSpec ? hostNeedsOvs(hostSpec) : false;
  return LAB_DAEMONS.filter((daemon) => {
    if (daemon === "ovsdb-server" || daemon === "ovs-vswitchd") return ovs;
    if (daemon === "etcd") return spec.kv?.host === host;
    return true;
  });
}

/**
 * The lab as it is now: hosts, their daemons' pids and whether they run, addresses, what is emulated,
 * and any `cn-` leftovers. Reads only; works without root (pids of other users' processes are visible).
 */
export async function labStatus(): Promise<LabStatus> {
  const info = readLabInfo();
  const leftovers = findNamespaceLeftovers();
  if (!info) {
    return {
      state: existsSync(LAB_STATE_DIR) ? "building" : "down",
      name: null,
      inventoryPath: null,
      hosts: [],
      emulated: [],
      notices: [],
      leftovers,
    };
  }
  const hosts: LabHostStatus[] = info.hosts.map((host) => {
    const daemons: LabDaemonStatus[] = expectedDaemons(info.spec, host.name).map((name) => {
      const pid = readPidFile(daemonPidFile(host.name, name));
      return { name, pid, alive: pid !== null && isRunning(pid) };
    });
    return { ...host, netnsPresent: existsSync(`/run/netns/${host.netns}`), daemons };
  });
  const healthy = hosts.every((host) => host.netnsPresent && host.daemons.every((daemon) => daemon.alive));
  return {
    state: info.state === "building" ? "building" : healthy ? "up" : "degraded",
    name: info.name,
    inventoryPath: info.inventoryPath,
    hosts,
    emulated: info.emulated,
    notices: info.notices,
    leftovers,
  };
}
