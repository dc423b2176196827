import { existsSync, readFileSync } from "node:fs";
import { dockerPing } from "../../lab/host/docker-api";
import { hostArgv } from "../../lab/host/host-exec";
import { spawnDaemon } from "../../lab/os/run";
import { daemonLogFile, daemonPidFile, hostPaths } from "../../lab/paths";

/** The pid of a lab host's dockerd, from the pid file `lab up` wrote (the process our lab started). */
export function dockerdPid(host: string): number {
  const pid = Number(readFileSync(daemonPidFile(host, "dockerd"), "utf8").trim());
  if (!Number.isInteger(pid) || pid <= 1) throw new Error(`${host}: no dockerd pid`);
  return pid;
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Pauses (SIGSTOP) or resumes (SIGCONT) a lab host's dockerd: commands to it hang until resumed. */
export function freezeDockerd(host: string, frozen: boolean): void {
  process.kill(dockerdPid(host), frozen ? "SIGSTOP" : "SIGCONT");
}

/**
 * Restarts a lab host's dockerd as an admin would (`systemctl restart docker`): SIGTERM to the
 * daemon the lab started (it stops its containers), wait for it to exit, run `whileStopped` (e.g.
 * edit its on-disk state as a compromised host could), start the same argv in the host's
 * namespaces again (pid file updated, so `lab down` finds it), wait for `/_ping`.
 */
export async function restartDockerd(
  host: string,
  whileStopped: () => void | Promise<void> = () => {},
): Promise<{ before: number; after: number }> {
  const before = dockerdPid(host);
  const argv = readFileSync(`/proc/${before}/cmdline`, "utf8").split("\0").filter(Boolean);
  if (!argv[0]?.endsWith("dockerd")) throw new Error(`${host}: pid ${before} is not dockerd (${argv[0]})`);
  process.kill(before, "SIGTERM");
  await until(`${host}: dockerd ${before} exits`, () => !existsSync(`/proc/${before}`), 60_000);
  await whileStopped();
  const daemon = await spawnDaemon(hostArgv(host, argv), {
    logFile: daemonLogFile(host, "dockerd"),
    pidFile: daemonPidFile(host, "dockerd"),
  });
  await until(`${host}: dockerd answers`, () => dockerPing(hostPaths(host).dockerSocket, 1000), 60_000);
  return { before, after: daemon.pid };
}
