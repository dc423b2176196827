import { execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A private sshd on 127.0.0.1 for transport tests: fresh host key, key-only root login, own log. */
export type ThrowawaySshd = {
  port: number;
  dir: string;
  /** `SHA256:` fingerprint of its ed25519 host key. */
  hostKey: string;
  /** Private key authorized for root. */
  clientKey: string;
  pid: number;
  /** sshd's log so far (LogLevel DEBUG1). */
  log(): string;
  /** Children of the listener: one per open connection (privilege-separated session processes). */
  connectionPids(): number[];
  stop(): Promise<void>;
};

/** Starts sshd with a temp config (plus `extraConfig` lines); stop() kills it (and only it) by pid and removes the dir. */
export async function startThrowawaySshd(extraConfig: string[] = []): Promise<ThrowawaySshd> {
  const dir = mkdtempSync(join(tmpdir(), "crossnet-sshd-"));
  mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
  await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "host_key")]);
  await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "client_key")]);
  writeFileSync(join(dir, "authorized_keys"), readFileSync(join(dir, "client_key.pub")), { mode: 0o600 });
  const { stdout } = await run("ssh-keygen", ["-lf", join(dir, "host_key.pub")]);
  const hostKey = stdout.split(" ")[1] ?? "";
  const port = await freePort();
  const logPath = join(dir, "sshd.log");
  writeFileSync(
    join(dir, "sshd_config"),
    [
      `ListenAddress 127.0.0.1:${port}`,
      `HostKey ${join(dir, "host_key")}`,
      `PidFile ${join(dir, "sshd.pid")}`,
      `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
      "PermitRootLogin prohibit-password",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "UsePAM no",
      "StrictModes no",
      "LogLevel DEBUG1",
      "MaxStartups 50",
      ...extraConfig,
      "",
    ].join("\n"),
  );
  const child = spawn("/usr/sbin/sshd", ["-D", "-f", join(dir, "sshd_config"), "-E", logPath], { stdio: "ignore" });
  const pid = child.pid;
  if (pid === undefined) throw new Error("sshd did not start");
  await waitForPort(port);
  return {
    port,
    dir,
    hostKey,
    clientKey: join(dir, "client_key"),
    pid,
    log: () => readFileSync(logPath, "utf8"),
    connectionPids: () => childrenOf(pid),
    async stop() {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      for (const connection of childrenOf(pid)) signal(connection, "SIGKILL");
      signal(pid, "SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sends a signal to a pid, ignoring a process that already exited. */
export function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function waitForPort(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
      socket.connect(port, "127.0.0.1");
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not listen on 127.0.0.1:${port}`);
}
