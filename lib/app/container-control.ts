import "server-only";
import type { HostConnection } from "../exec/hosts";
import { displayCommand } from "../plan/render";
import type { Store } from "../store/open";
import { type ContainerAction, containerActionArgv } from "../views/container-hands";
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
};

/** Reads `.State.Running` of a container over the session (audited like every command). */
export async function isRunning(connection: Pick<HostConnection, "ssh">, name: string): Promise<boolean | null> {
  const result = await connection.ssh.exec(["docker", "inspect", "-f", "{{.State.Running}}", name], {
    timeoutMs: 15_000,
    maxOutputBytes: 4096,
  });
  if (result.code !== 0) return null;
  const text = result.stdout.trim();
  return text === "true" ? true : text === "false" ? false : null;
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
    const running = await isRunning(connection, input.container);
    return {
      ok: true,
      value: {
        container: input.container,
        host,
        action: input.action,
        command: displayCommand(argv),
        durationMs: result.durationMs,
        running,
      },
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: "command-failed", message: `${host}: ${message}` } };
  } finally {
    await pool.close();
  }
}
