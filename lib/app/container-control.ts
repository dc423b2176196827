import "server-only";
import type { HostConnection } from "../exec/hosts";
import { displayCommand } from "../plan/render";
import type { Store } from "../store/open";
import {
  type ContainerAction,
  containerActionArgv,
  INSPECT_STATE_FORMAT,
  parseInspectState,
} from "../views/container-hands";
import { type ContainerTarget, connectContainerHost, type HandsError } from "./container-host";

/** A start, stop or restart as it ran, and the container's state read back afterwards. */
export type ControlResult = {
  container: string;
  host: string;
  action: ContainerAction;
  command: string;
  durationMs: number;
  /** Whether the container runs now (`docker inspect` after the action); null when that could not be read. */
  running: boolean | null;
  /** Its addresses now, on the design's networks only. */
  addresses: Record<string, string>;
};

/** Reads whether a container runs and its addresses, over the session (audited like every command). */
export async function readContainerState(
  connection: Pick<HostConnection, "ssh">,
  name: string,
): Promise<{ running: boolean | null; addresses: Record<string, string> }> {
  const result = await connection.ssh.exec(["docker", "inspect", "-f", INSPECT_STATE_FORMAT, name], {
    timeoutMs: 15_000,
    maxOutputBytes: 16 * 1024,
  });
  return result.code === 0 ? parseInspectState(result.stdout) : { running: null, addresses: {} };
}

/**
 * Starts, stops (SIGTERM, then SIGKILL after a short grace) or restarts one container of the saved
 * design on its host, for an operator: `docker start|stop|restart NAME` over the host's SSH session,
 * in the audit log with who, host, argv, exit code and duration, then reads its state back.
 */
export async function controlContainer(
  store: Store,
  input: ContainerTarget & { action: ContainerAction },
): Promise<{ ok: true; value: ControlResult } | { ok: false; error: HandsError }> {
  const opened = await connectContainerHost(store, input);
  if (!opened.ok) return opened;
  const { host, pool, connection } = opened.value;
  const argv = containerActionArgv(input.action, input.container);
  try {
    const result = await connection.ssh.exec(argv, { timeoutMs: 60_000, maxOutputBytes: 64 * 1024 });
    if (result.code !== 0)
      return {
        ok: false,
        error: {
          code: "command-failed",
          message: `${host}: ${displayCommand(argv)} exited with ${result.code}: ${result.stderr.trim().slice(0, 2000)}`,
        },
      };
    const state = await readContainerState(connection, input.container);
    const networks = input.topology.containers?.[input.container]?.networks ?? {};
    const addresses = Object.fromEntries(
      Object.entries(state.addresses).filter(([network]) => Object.hasOwn(networks, network)),
    );
    return {
      ok: true,
      value: {
        container: input.container,
        host,
        action: input.action,
        command: displayCommand(argv),
        durationMs: result.durationMs,
        running: state.running,
        addresses,
      },
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: "command-failed", message: `${host}: ${message}` } };
  } finally {
    await pool.close();
  }
}
