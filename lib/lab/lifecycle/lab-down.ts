import "server-only";
import { existsSync, readdirSync, rmdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { dockerContainerIds, dockerPing, dockerRemoveContainer } from "../host/docker-api";
import { listMountPoints, mountsToUnmount } from "../os/mounts";
import { restoreSysctls } from "../os/neigh-table";
import { findProgram, requireLinuxRoot } from "../os/preflight";
import {
  cgroupTree,
  findCgroups,
  isLabProcess,
  namespaceInode,
  processesInCgroups,
  processesInNamespaces,
  readPidFile,
  signalAndWait,
} from "../os/proc";
import { runCommand, sleep } from "../os/run";
import {
  hostCgroupParent,
  hostPaths,
  LAB_NS_DIR,
  LAB_PREFIX,
  LAB_RUN_DIR,
  LAB_STATE_DIR,
  SWITCH_NETNS,
} from "../paths";
import type { LabDownResult } from "../types";
import type { LabEventSink } from "./events";
import { readJournal } from "./journal";
import { readLabInfo } from "./lab-info";
import { prohibitRouteArgv } from "./switch";

/** Options of {@link labDown}. */
export type LabDownOptions = { onEvent?: LabEventSink };

const LAB_DIRS = [LAB_RUN_DIR, LAB_NS_DIR, LAB_STATE_DIR];

/**
 * Removes the lab and anything a crashed or half-finished bring-up left: containers (`docker rm -f`),
 * every daemon the lab started (SIGTERM by pid file, then SIGKILL), stray processes in the lab's
 * namespaces and cgroups, mounts under the lab dirs, cgroup dirs, `cn-` namespaces and links, the
 * prohibit route and the lab dirs. Only processes proven to be the lab's are signalled. Idempotent.
 */
export async function labDown(options: LabDownOptions = {}): Promise<LabDownResult> {
  requireLinuxRoot("lab down");
  const started = performance.now();
  const ip = findProgram("ip") ?? "ip";
  const umount = findProgram("umount") ?? "umount";
  const warnings: string[] = [];
  const removed = { containers: 0, processes: 0, mounts: 0, cgroups: 0, netns: 0, links: 0, routes: 0, dirs: 0 };

  const step = async (name: string, action: () => Promise<number>): Promise<number> => {
    const stepStarted = performance.now();
    let count = 0;
    try {
      count = await action();
    } catch (error) {
      warnings.push(`${name}: ${(error as Error).message}`);
    }
    options.onEvent?.({
      type: "down-step",
      step: name,
      durationMs: Math.round(performance.now() - stepStarted),
      removed: count,
    });
    return count;
  };

  const hosts = knownHosts();
  const labInodes = labNamespaceInodes(hosts);

  removed.containers = await step("containers", () => removeContainers(hosts));
  removed.processes += await step("dockerd", async () => {
    const pids = hosts.flatMap((host) => [
      readPidFile(join(hostPaths(host).pidDir, "dockerd.pid")),
      readPidFile(join(hostPaths(host).runDir, "dockerd.pid")),
      readPidFile(join(hostPaths(host).dockerExecRoot, "containerd", "containerd.pid")),
    ]);
    return stopProcesses(pids, labInodes, 20_000, warnings, "dockerd");
  });
  removed.processes += await step("daemons", async () => {
    const pids = hosts.flatMap((host) => pidFilesIn(hostPaths(host).pidDir).concat(pidFilesIn(hostPaths(host).ovsDir)));
    return stopProcesses(pids.map(readPidFile), labInodes, 5_000, warnings, "daemon");
  });
  removed.processes += await step("stray processes", async () => {
    const cgroups = findCgroups(hosts.map(hostCgroupParent));
    const strays = new Set([...processesInCgroups(cgroups), ...processesInNamespaces(labInodes)]);
    const survivors = await signalAndWait([...strays], "SIGKILL", 5_000);
    if (survivors.length > 0) warnings.push(`processes still running after SIGKILL: ${survivors.join(", ")}`);
    return strays.size;
  });
  removed.mounts = await step("mounts", () => unmountLabDirs(umount, warnings));
  removed.cgroups = await step("cgroups", () => removeCgroups(hosts, warnings));
  removed.netns = await step("namespaces", async () => {
    let count = 0;
    for (const name of listDir("/run/netns").filter((entry) => entry.startsWith(LAB_PREFIX))) {
      const result = await runCommand([ip, "netns", "del", name]);
      if (result.code === 0) count++;
      else warnings.push(`ip netns del ${name}: ${result.stderr.trim()}`);
    }
    return count;
  });
  removed.links = await step("links", async () => {
    let count = 0;
    for (const name of listDir("/sys/class/net").filter((entry) => entry.startsWith(LAB_PREFIX))) {
      const result = await runCommand([ip, "link", "del", name]);
      if (result.code === 0) count++;
      else if (existsSync(`/sys/class/net/${name}`)) warnings.push(`ip link del ${name}: ${result.stderr.trim()}`);
    }
    return count;
  });
  removed.routes = await step("route", async () => {
    let count = 0;
    while (count < 10 && (await runCommand(prohibitRouteArgv(ip, "del"))).code === 0) count++;
    return count;
  });
  await step("sysctls", async () =>
    restoreSysctls(
      readJournal().flatMap((entry) => (entry.kind === "sysctl" ? [entry] : [])),
      warnings,
    ),
  );
  removed.dirs = await step("dirs", async () => {
    const stillMounted = mountsToUnmount(listMountPoints(), LAB_DIRS);
    if (stillMounted.length > 0) {
      warnings.push(`kept the lab dirs: still mounted: ${stillMounted.join(", ")}`);
      return 0;
    }
    let count = 0;
    for (const dir of LAB_DIRS) {
      if (!existsSync(dir)) continue;
      rmSync(dir, { recursive: true, force: true });
      count++;
    }
    return count;
  });

  const found = Object.values(removed).some((count) => count > 0);
  return { found, removed, warnings, durationMs: Math.round(performance.now() - started) };
}

/** Host names from lab.json, the journal, the run dir and the `cn-` namespaces. */
function knownHosts(): string[] {
  const names = new Set<string>();
  for (const host of readLabInfo()?.spec.hosts ?? []) names.add(host.name);
  for (const entry of readJournal()) {
    if (entry.kind === "lab") for (const host of entry.spec.hosts) names.add(host.name);
    if (entry.kind === "daemon") names.add(entry.host);
  }
  for (const dir of listDir(LAB_RUN_DIR)) names.add(dir);
  for (const ns of listDir("/run/netns")) {
    if (ns.startsWith(LAB_PREFIX) && ns !== SWITCH_NETNS) names.add(ns.slice(LAB_PREFIX.length));
  }
  return [...names].filter((name) => /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)).sort();
}

/** Inodes of every lab namespace still pinned by a file: `cn-` netns, hosts' UTS and mount namespaces. */
function labNamespaceInodes(hosts: readonly string[]): Set<number> {
  const mounted = new Set(listMountPoints());
  const files = [
    ...listDir("/run/netns")
      .filter((name) => name.startsWith(LAB_PREFIX))
      .map((name) => `/run/netns/${name}`),
    ...hosts.flatMap((host) => [hostPaths(host).utsFile, hostPaths(host).mntFile]),
  ];
  const inodes = new Set<number>();
  for (const file of files) {
    if (!mounted.has(file)) continue;
    const inode = namespaceInode(file);
    if (inode !== null) inodes.add(inode);
  }
  return inodes;
}

/** `docker rm -f` every container of every host whose dockerd still answers. */
async function removeContainers(hosts: readonly string[]): Promise<number> {
  const counts = await Promise.all(
    hosts.map(async (host) => {
      const socket = hostPaths(host).dockerSocket;
      if (!existsSync(socket) || !(await dockerPing(socket, 2000))) return 0;
      const ids = await dockerContainerIds(socket);
      await Promise.all(ids.map((id) => dockerRemoveContainer(socket, id)));
      return ids.length;
    }),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

/** SIGTERM the lab processes among `pids`, wait, SIGKILL what is left. Returns how many were signalled. */
async function stopProcesses(
  pids: readonly (number | null)[],
  labInodes: ReadonlySet<number>,
  timeoutMs: number,
  warnings: string[],
  what: string,
): Promise<number> {
  const mine = [...new Set(pids.filter((pid): pid is number => pid !== null && isLabProcess(pid, labInodes)))];
  const survivors = await signalAndWait(mine, "SIGTERM", timeoutMs);
  if (survivors.length > 0) {
    warnings.push(`${what} ${survivors.join(", ")} ignored SIGTERM for ${timeoutMs} ms: killed`);
    await signalAndWait(survivors, "SIGKILL", 5_000);
  }
  return mine.length;
}

/** Unmounts everything under the lab dirs (deepest first; lazily if busy). Returns how many. */
async function unmountLabDirs(umount: string, warnings: string[]): Promise<number> {
  let count = 0;
  for (let round = 0; round < 5; round++) {
    const targets = mountsToUnmount(listMountPoints(), LAB_DIRS);
    if (targets.length === 0) return count;
    for (const target of targets) {
      let result = await runCommand([umount, target]);
      if (result.code !== 0) result = await runCommand([umount, "-l", target]);
      if (result.code === 0) count++;
      else if (round === 4) warnings.push(`umount ${target}: ${result.stderr.trim()}`);
    }
  }
  return count;
}

/**
 * Removes the cgroup directories of the lab's hosts (children first), retrying while the kernel still
 * frees them. Only the hosts' own `cn-<host>`: another lab's cgroups are not ours to remove.
 */
async function removeCgroups(hosts: readonly string[], warnings: string[]): Promise<number> {
  let count = 0;
  for (const top of findCgroups(hosts.map(hostCgroupParent))) {
    for (const dir of cgroupTree(top)) {
      for (let attempt = 0; ; attempt++) {
        try {
          rmdirSync(dir);
          count++;
          break;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === "ENOENT") break;
          if (attempt >= 50) {
            warnings.push(`rmdir ${dir}: ${(error as Error).message}`);
            break;
          }
          await sleep(40);
        }
      }
    }
  }
  return count;
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function pidFilesIn(dir: string): string[] {
  return listDir(dir)
    .filter((name) => name.endsWith(".pid"))
    .map((name) => join(dir, name));
}
