import "server-only";
import { existsSync } from "node:fs";
import { LabError } from "../errors";
import { readLabInfo } from "../lifecycle/lab-info";
import { findProgram } from "../os/preflight";
import { type CommandResult, runCommand } from "../os/run";
import { hostPaths, SWITCH_NETNS } from "../paths";
import { DEFAULT_LAB_ENGINE, engineApiVersion } from "../spec/engines";
import { inHost } from "./daemon-argv";

const HOST_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/**
 * Runs `argv` inside emulated host `host` (its network, UTS and mount namespaces: its own NICs,
 * hostname, /sys, /run and resolv.conf), with `docker` pointed at the host's dockerd (at its engine's API
 * version, from the running lab's lab.json). No shell: argv
 * goes to the program as is. For tests and inspection; the product reaches hosts over SSH.
 */
export async function hostExec(
  host: string,
  argv: readonly string[],
  options: { timeoutMs?: number; input?: string } = {},
): Promise<CommandResult> {
  if (!HOST_NAME.test(host)) throw new Error(`hostExec: invalid host name '${host}'`);
  if (argv.length === 0 || argv[0]?.startsWith("-")) throw new Error("hostExec: argv must start with a program name");
  const paths = hostPaths(host);
  if (!existsSync(paths.netnsFile) || !existsSync(paths.mntFile)) {
    throw new LabError(
      "command-failed",
      `host '${host}' is not up (no ${paths.netnsFile})`,
      "Run `crossnet lab status` to see the lab's hosts.",
    );
  }
  const engine = readLabInfo()?.hosts.find((info) => info.name === host)?.docker ?? DEFAULT_LAB_ENGINE;
  const env = {
    ...process.env,
    DOCKER_HOST: `unix://${paths.dockerSocket}`,
    DOCKER_API_VERSION: engineApiVersion(engine),
  };
  return runCommand(inHost(paths, findProgram("nsenter") ?? "nsenter", argv), { env, ...options });
}

/** The argv that runs `argv` in the switch namespace (e.g. tcpdump on br-data), for spawning. */
export function switchArgv(argv: readonly string[]): string[] {
  return [findProgram("ip") ?? "ip", "netns", "exec", SWITCH_NETNS, ...argv];
}

/** The argv that runs `argv` inside host `host` (see {@link hostExec}), for spawning long-running commands. */
export function hostArgv(host: string, argv: readonly string[]): string[] {
  if (!HOST_NAME.test(host)) throw new Error(`hostArgv: invalid host name '${host}'`);
  return inHost(hostPaths(host), findProgram("nsenter") ?? "nsenter", argv);
}
