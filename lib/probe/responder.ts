import "server-only";
import type { HostConnection } from "../exec/hosts";
import type { Topology } from "../topology/schema";

/**
 * Crossnet's own short-lived responder, for tcp/udp cells whose service is not running (`--responder`):
 * ONE `python3` process per destination host, started over SSH like the pinger, listens on each
 * requested port inside each destination container's network namespace (setns, after checking the PID's
 * cgroup names the container id; no program of the container runs), and answers: TCP accepts and
 * closes, UDP sends the datagram back (at most 64 bytes). A port something already listens on is left
 * to that real service (`@@cn-real`). It prints `@@cn-responder PID`, then `@@cn-ready`, and exits at
 * LIFETIME seconds or on TERM, whichever is first.
 * `python3 -c RESPONDER_SCRIPT LIFETIME PID ID PROTO PORT [PID ID PROTO PORT …]`. A constant: nothing
 * is interpolated.
 */
export const RESPONDER_SCRIPT = String.raw`
import ctypes, os, select, signal, socket, sys, time
libc = ctypes.CDLL(None, use_errno=True)
home = os.open("/proc/self/ns/net", os.O_RDONLY)
lifetime = min(float(sys.argv[1]), 300.0)
args = sys.argv[2:]
sys.stdout.write("@@cn-responder %d\n" % os.getpid())
sys.stdout.flush()
signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
socks = {}
while len(args) >= 4:
    pid, cid, proto, port = args[0], args[1], args[2], int(args[3])
    args = args[4:]
    try:
        with open("/proc/%d/cgroup" % int(pid)) as f:
            if cid not in f.read():
                raise OSError("process %s is not container %s" % (pid, cid[:12]))
        fd = os.open("/proc/%d/ns/net" % int(pid), os.O_RDONLY)
        try:
            if libc.setns(fd, 0x40000000) != 0:
                raise OSError("setns failed")
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM)
        finally:
            libc.setns(home, 0x40000000)
            os.close(fd)
        try:
            s.bind(("0.0.0.0", port))
        except OSError:
            s.close()
            sys.stdout.write("@@cn-real %s %s %d\n" % (cid[:12], proto, port))
            continue
        if proto == "tcp":
            s.listen(64)
        s.setblocking(False)
        socks[s.fileno()] = (s, proto)
        sys.stdout.write("@@cn-listen %s %s %d\n" % (cid[:12], proto, port))
    except Exception as e:
        sys.stdout.write("@@cn-fail %s %s %d %s\n" % (cid[:12], proto, port, str(e).replace("\n", " ")[:200]))
sys.stdout.write("@@cn-ready\n")
sys.stdout.flush()
end = time.monotonic() + lifetime
while socks and time.monotonic() < end:
    ready = select.select(list(socks), [], [], max(0.0, min(1.0, end - time.monotonic())))[0]
    for fd in ready:
        s, proto = socks[fd]
        try:
            if proto == "tcp":
                c, _ = s.accept()
                c.close()
            else:
                data, addr = s.recvfrom(2048)
                s.sendto(data[:64], addr)
        except OSError:
            pass
`;

/** One port to answer on: a running container (main PID and full id) and its service. */
export type ResponderPort = { container: string; pid: number; id: string; proto: "tcp" | "udp"; port: number };

/** Most ports one responder run opens, across all hosts (a bound on what a run may start). */
export const RESPONDER_MAX_PORTS = 256;

/** The argv that starts a host's responder. */
export function responderArgv(lifetimeS: number, ports: readonly ResponderPort[]): string[] {
  const argv = ["python3", "-c", RESPONDER_SCRIPT, String(Math.min(300, Math.max(1, Math.ceil(lifetimeS))))];
  for (const { pid, id, proto, port } of ports) {
    if (!Number.isInteger(pid) || pid < 2 || !/^[0-9a-f]{12,64}$/.test(id)) continue;
    if (!Number.isInteger(port) || port < 1 || port > 65535) continue;
    argv.push(String(pid), id, proto, String(port));
  }
  return argv;
}

/**
 * The service ports the responder should answer on, per host: every tcp/udp service of the selected
 * target containers (each at most once). Pure.
 */
export function responderServices(
  topology: Topology,
  targets: readonly string[],
): Map<string, { container: string; proto: "tcp" | "udp"; port: number }[]> {
  const byHost = new Map<string, { container: string; proto: "tcp" | "udp"; port: number }[]>();
  for (const name of targets) {
    const container = topology.containers?.[name];
    if (!container) continue;
    const seen = new Set<string>();
    for (const service of container.services ?? []) {
      const key = `${service.proto}/${service.port}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const list = byHost.get(container.host) ?? [];
      list.push({ container: name, proto: service.proto, port: service.port });
      byHost.set(container.host, list);
    }
  }
  return byHost;
}

/** A responder running on one host: what it listens on, and how to stop it. */
export type RunningResponder = {
  host: string;
  listening: string[];
  /** Ports a real service already holds: the responder left them alone. */
  real: string[];
  failed: string[];
  stop: () => Promise<void>;
};

/**
 * Starts the responder on one host and waits (at most 10 s) until it listens. `stop` sends TERM to it
 * and waits for the command to end; it also ends by itself after `lifetimeS`.
 */
export async function startResponder(
  host: string,
  connection: HostConnection,
  ports: readonly ResponderPort[],
  lifetimeS: number,
): Promise<RunningResponder> {
  let text = "";
  let pid: number | undefined;
  let ready = () => {};
  const readyNow = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const run = connection.ssh
    .exec(responderArgv(lifetimeS, ports), {
      timeoutMs: (lifetimeS + 15) * 1000,
      maxOutputBytes: 64 * 1024,
      onStdout: (chunk) => {
        text += chunk;
        const match = /@@cn-responder (\d+)/.exec(text);
        if (match) pid = Number(match[1]);
        if (text.includes("@@cn-ready")) ready();
      },
    })
    .catch((error: unknown) => error);
  await Promise.race([readyNow, run, new Promise((wake) => setTimeout(wake, 10_000))]);
  const lines = (tag: string) =>
    [...text.matchAll(new RegExp(`^@@cn-${tag} (.*)$`, "gm"))].map((match) => (match[1] ?? "").trim());
  return {
    host,
    listening: lines("listen"),
    real: lines("real"),
    failed: lines("fail"),
    stop: async () => {
      if (pid !== undefined)
        await connection.ssh.exec(["kill", "-TERM", String(pid)], { timeoutMs: 10_000 }).catch(() => undefined);
      await run;
    },
  };
}
