import "server-only";
import { readFileSync, readlinkSync } from "node:fs";
import { namespaceInode } from "./proc";

/**
 * The TCP port of the classic (KV-store) overlay's gossip: dockerd 20.10 starts a serf agent
 * (hashicorp/memberlist) on its cluster-advertise address, port 7946, once its discovery has seen
 * its own registration in the store.
 */
export const SERF_PORT = 7946;

/** TCP state LISTEN in /proc/net/tcp's `st` column. */
const TCP_LISTEN = "0A";

/**
 * True when `procNetTcp` (the text of /proc/PID/net/tcp: a header line, then one socket per line with
 * `local_address` as `HEXIP:HEXPORT` and `st` as a hex state) has an IPv4 socket listening on `port`.
 */
export function listensOn(procNetTcp: string, port: number): boolean {
  const wanted = port.toString(16).toUpperCase().padStart(4, "0");
  for (const line of procNetTcp.split("\n").slice(1)) {
    const fields = line.trim().split(/\s+/);
    const local = fields[1];
    const state = fields[3];
    if (!local || !state) continue;
    if (local.split(":")[1]?.toUpperCase() === wanted && state.toUpperCase() === TCP_LISTEN) return true;
  }
  return false;
}

/**
 * True when process `pid` (a lab host's dockerd) is in the network namespace of `netnsFile` and that
 * namespace has serf's gossip listening: read from the kernel's socket table, not from dockerd's log.
 */
export function serfListening(pid: number, netnsFile: string): boolean {
  try {
    const inode = namespaceInode(netnsFile);
    if (inode === null || !readlinkSync(`/proc/${pid}/ns/net`).includes(`[${inode}]`)) return false;
    return listensOn(readFileSync(`/proc/${pid}/net/tcp`, "utf8"), SERF_PORT);
  } catch {
    return false;
  }
}

/**
 * Runs tasks one at a time, in the order they were handed in; a failed task does not stop the next.
 * The lab starts the dockerds of a KV-store overlay through one of these (see startDockerd).
 */
export function oneAtATime(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}
