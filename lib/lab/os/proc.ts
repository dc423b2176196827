import "server-only";
import { readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { join } from "node:path";
import { sleep } from "./run";

/** Process ids currently in /proc. */
export function listPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (/^\d+$/.test(entry)) pids.push(Number(entry));
  }
  return pids;
}

/** `running` (any state but zombie), `zombie` (exited, not yet reaped by its parent) or `gone`. */
export function processState(pid: number): "running" | "zombie" | "gone" {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return "gone";
  }
  const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  return state === "Z" || state === "X" ? "zombie" : "running";
}

/** True when `pid` runs (a zombie counts as exited: init may be slow to reap orphans). */
export function isRunning(pid: number): boolean {
  return processState(pid) === "running";
}

/** Pid stored in a pid file, or null if missing or malformed. */
export function readPidFile(path: string): number | null {
  try {
    const text = readFileSync(path, "utf8").trim();
    return /^\d+$/.test(text) ? Number(text) : null;
  } catch {
    return null;
  }
}

/** Inode of the namespace a namespace file (e.g. /run/netns/cn-x) refers to, or null. */
export function namespaceInode(path: string): number | null {
  try {
    return statSync(path).ino;
  } catch {
    return null;
  }
}

const NS_KINDS = ["net", "mnt", "uts"] as const;

/** Inodes of the net, mount and UTS namespaces of `pid` (empty if it is gone). */
export function processNamespaceInodes(pid: number): number[] {
  const inodes: number[] = [];
  for (const kind of NS_KINDS) {
    try {
      const match = /\[(\d+)\]/.exec(readlinkSync(`/proc/${pid}/ns/${kind}`));
      if (match?.[1]) inodes.push(Number(match[1]));
    } catch {
      // gone, or a kernel thread
    }
  }
  return inodes;
}

/** Running processes (not this one) that are in any of the namespaces with these inodes. */
export function processesInNamespaces(inodes: ReadonlySet<number>): number[] {
  if (inodes.size === 0) return [];
  return listPids().filter(
    (pid) => pid !== process.pid && isRunning(pid) && processNamespaceInodes(pid).some((ino) => inodes.has(ino)),
  );
}

/** Command line of `pid` with NULs as spaces ("" if gone). */
export function processCommandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
  } catch {
    return "";
  }
}

/**
 * True when `pid` is one the lab started: it lives in one of the lab's namespaces or runs a lab path.
 * Guards pid files against pid reuse (a stale file must never make us signal a stranger).
 */
export function isLabProcess(pid: number, labInodes: ReadonlySet<number>): boolean {
  if (pid <= 1 || pid === process.pid || !isRunning(pid)) return false;
  if (processNamespaceInodes(pid).some((ino) => labInodes.has(ino))) return true;
  return /\/(run|var\/lib)\/cn-lab/.test(processCommandLine(pid));
}

/** Sends `signal` to each pid (ignoring ones already gone) and waits up to `timeoutMs` for them to exit; returns survivors. */
export async function signalAndWait(
  pids: readonly number[],
  signal: NodeJS.Signals,
  timeoutMs: number,
): Promise<number[]> {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + timeoutMs;
  let alive = pids.filter(isRunning);
  while (alive.length > 0 && Date.now() < deadline) {
    await sleep(20);
    alive = alive.filter(isRunning);
  }
  return alive;
}

/** Cgroup controller directories (cgroup v1: one per controller; v2: the root itself). */
export function cgroupRoots(): string[] {
  const base = "/sys/fs/cgroup";
  try {
    if (readdirSync(base).includes("cgroup.controllers")) return [base];
    return readdirSync(base, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(base, entry.name));
  } catch {
    return [];
  }
}

/**
 * Cgroup directories directly under each controller root whose name is in `names` (or, when `names`
 * is a string, starts with it).
 */
export function findCgroups(names: string | readonly string[]): string[] {
  const wanted = (name: string) => (typeof names === "string" ? name.startsWith(names) : names.includes(name));
  const found: string[] = [];
  for (const root of cgroupRoots()) {
    try {
      for (const entry of readdirSync(root, { withFileTypes: true })) {
        if (entry.isDirectory() && wanted(entry.name)) found.push(join(root, entry.name));
      }
    } catch {
      // controller not readable
    }
  }
  return found;
}

/** Every directory below (and including) `dir`, deepest first. */
export function cgroupTree(dir: string): string[] {
  const result: string[] = [];
  const walk = (path: string) => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) if (entry.isDirectory()) walk(join(path, entry.name));
    result.push(path);
  };
  walk(dir);
  return result;
}

/** Pids listed in `cgroup.procs` anywhere below the given cgroup directories. */
export function processesInCgroups(dirs: readonly string[]): number[] {
  const pids = new Set<number>();
  for (const dir of dirs) {
    for (const path of cgroupTree(dir)) {
      try {
        for (const line of readFileSync(join(path, "cgroup.procs"), "utf8").split("\n")) {
          if (/^\d+$/.test(line)) pids.add(Number(line));
        }
      } catch {
        // removed meanwhile
      }
    }
  }
  pids.delete(process.pid);
  return [...pids].filter(isRunning);
}
