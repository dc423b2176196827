import "server-only";
import { hostname } from "node:os";
import { TransportError } from "./errors";
import type { SshSession } from "./ssh";

/** Where the lock lives on each host. /run is a tmpfs: a reboot clears a lock left behind. */
export const LOCK_DIR = "/run/crossnet.lock";

/** Who holds a host's lock, as written in `/run/crossnet.lock/holder`. */
export type LockHolder = {
  /** Run id; only the holder with this id releases the lock. */
  id: string;
  who: string;
  /** What the holder does: apply or destroy. */
  purpose: string;
  /** Machine and pid of the Crossnet process holding it. */
  machine: string;
  pid: number;
  since: string;
};

/** A second apply found the lock held: names the holder and how to clear a stale one. */
export class HostLockedError extends TransportError {
  override readonly name = "HostLockedError";
  constructor(
    host: string,
    readonly holder: LockHolder | undefined,
    address: string,
  ) {
    const who = holder
      ? `${holder.who} (${holder.purpose}, run ${holder.id}, pid ${holder.pid} on ${holder.machine}, since ${holder.since})`
      : "another Crossnet run (its holder file is not written yet or unreadable)";
    super(
      host,
      `locked by ${who}: one apply per host at a time. Wait for it to finish. If that run is dead ` +
        `(its machine rebooted or the process was killed), remove the lock by hand: ssh root@${address} rm -rf ${LOCK_DIR}`,
    );
  }
}

type Exec = Pick<SshSession, "exec">;

/** Runs of this process that may hold host locks right now (see {@link endRun}). */
const activeRuns = new Set<string>();

/** Marks a run of this process as finished: locks it left behind (host unreachable at release) are stale. */
export function endRun(id: string): void {
  activeRuns.delete(id);
}

/** A holder for this process. */
export function lockHolder(id: string, who: string, purpose: string): LockHolder {
  return { id, who, purpose, machine: hostname(), pid: process.pid, since: new Date().toISOString() };
}

// mkdir is atomic: exactly one contender creates the directory. The loser prints the holder file.
const ACQUIRE = 'mkdir "$1" 2>/dev/null || { cat "$1/holder" 2>/dev/null; exit 3; }; cat > "$1/holder"';
// Only the holder (matched by id) removes the lock.
const RELEASE = 'grep -qF "\\"id\\":\\"$2\\"" "$1/holder" 2>/dev/null || exit 3; rm -f "$1/holder"; rmdir "$1"';

/**
 * Takes the host's lock: `mkdir /run/crossnet.lock` plus a holder file. A lock left by a process
 * of this same machine that no longer exists (or by an ended run of this process) is stale and
 * taken over (returned as `tookOverFrom`); any other holder is refused with {@link HostLockedError}:
 * a lock from another machine is never broken automatically, the error says how to remove it.
 * /run is a tmpfs, so a reboot of the host clears it too.
 */
export async function acquireHostLock(
  host: string,
  address: string,
  exec: Exec,
  holder: LockHolder,
): Promise<{ tookOverFrom?: LockHolder }> {
  const attempt = async (): Promise<{ ok: true } | { ok: false; current: LockHolder | undefined }> => {
    const result = await exec.exec(["sh", "-c", ACQUIRE, "sh", LOCK_DIR], {
      stdin: `${JSON.stringify(holder)}\n`,
      timeoutMs: 15_000,
    });
    if (result.code === 0) return { ok: true };
    if (result.code === 3) return { ok: false, current: parseHolder(result.stdout) };
    const why = result.stderr.trim().slice(0, 200);
    throw new TransportError(host, `cannot take the lock ${LOCK_DIR} (exit ${result.code}): ${why}`);
  };
  activeRuns.add(holder.id);
  const first = await attempt();
  if (first.ok) return {};
  if (!first.current || !isStaleHere(first.current)) throw new HostLockedError(host, first.current, address);
  await exec.exec(["rm", "-rf", "--", LOCK_DIR], { timeoutMs: 15_000 });
  const second = await attempt();
  if (second.ok) return { tookOverFrom: first.current };
  throw new HostLockedError(host, second.current, address);
}

/** Releases the lock if this holder still has it; a lock taken over by someone else is left alone. */
export async function releaseHostLock(exec: Exec, holder: LockHolder): Promise<boolean> {
  const result = await exec.exec(["sh", "-c", RELEASE, "sh", LOCK_DIR, holder.id], { timeoutMs: 15_000 });
  return result.code === 0;
}

/** Parses a holder file; the host is untrusted, so only well-formed fields are kept. */
export function parseHolder(text: string): LockHolder | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const safe = (x: unknown) => (typeof x === "string" && /^[\x20-\x7e]{1,200}$/.test(x) ? x : undefined);
  const id = safe(v.id);
  const who = safe(v.who);
  const purpose = safe(v.purpose);
  const machine = safe(v.machine);
  const since = safe(v.since);
  const pid = typeof v.pid === "number" && Number.isInteger(v.pid) && v.pid > 0 ? v.pid : undefined;
  if (!id || !who || !purpose || !machine || !since || pid === undefined) return undefined;
  return { id, who, purpose, machine, pid, since };
}

/**
 * The holder ran on this machine and can no longer release the lock: its process is gone, or it is
 * this process and the run has ended (it could not reach the host to release it).
 */
function isStaleHere(holder: LockHolder): boolean {
  if (holder.machine !== hostname()) return false;
  if (holder.pid === process.pid) return !activeRuns.has(holder.id);
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
