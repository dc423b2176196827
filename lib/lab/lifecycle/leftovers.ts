import "server-only";
import { existsSync, readdirSync } from "node:fs";
import { listMountPoints, mountsToUnmount } from "../os/mounts";
import { findProgram } from "../os/preflight";
import { findCgroups, isRunning, listPids, processCommandLine, processesInCgroups } from "../os/proc";
import { runCommand } from "../os/run";
import { hostCgroupParent, LAB_NS_DIR, LAB_PREFIX, LAB_RUN_DIR, LAB_STATE_DIR, MGMT_PROHIBIT } from "../paths";

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** `cn-` network namespaces and root-namespace links (cheap; what blocks a new `labUp`). */
export function findNamespaceLeftovers(): string[] {
  return [
    ...list("/run/netns")
      .filter((name) => name.startsWith(LAB_PREFIX))
      .map((name) => `netns ${name}`),
    ...list("/sys/class/net")
      .filter((name) => name.startsWith(LAB_PREFIX))
      .map((name) => `link ${name}`),
  ];
}

/**
 * Everything of a lab still on the machine, one line each (empty after a clean `labDown`):
 * `cn-` namespaces and links, mounts under the lab dirs, the lab dirs, running lab processes,
 * processes in lab cgroups, lab cgroup dirs, and the prohibit route. With `hosts`, processes and
 * cgroups are those of these hosts only (another lab's hosts on a shared kernel are not leftovers).
 */
export async function findLabLeftovers(hosts?: readonly string[]): Promise<string[]> {
  const found = findNamespaceLeftovers();
  const labDirs = [LAB_RUN_DIR, LAB_NS_DIR, LAB_STATE_DIR];
  for (const mount of mountsToUnmount(listMountPoints(), labDirs)) found.push(`mount ${mount}`);
  for (const dir of labDirs) if (existsSync(dir)) found.push(`dir ${dir}`);
  const mine = hosts
    ? (command: string) => hosts.some((host) => command.includes(`/cn-lab/${host}/`))
    : (command: string) => /\/(run|var\/lib)\/cn-lab/.test(command);
  for (const pid of listPids()) {
    if (pid === process.pid || !isRunning(pid)) continue;
    const command = processCommandLine(pid);
    if (mine(command)) found.push(`process ${pid} ${command.slice(0, 120)}`);
  }
  const cgroups = findCgroups(hosts ? hosts.map(hostCgroupParent) : LAB_PREFIX);
  for (const pid of processesInCgroups(cgroups)) found.push(`process ${pid} in a lab cgroup`);
  for (const dir of cgroups) found.push(`cgroup ${dir}`);
  const routes = await runCommand([findProgram("ip") ?? "ip", "route", "show", "type", "prohibit"]);
  if (routes.stdout.includes(MGMT_PROHIBIT)) found.push(`route prohibit ${MGMT_PROHIBIT}`);
  return found;
}
