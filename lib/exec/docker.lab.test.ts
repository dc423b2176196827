import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryAudit } from "./audit";
import { connectDocker } from "./docker";
import { DockerEndpointError } from "./errors";
import { connectSsh, type SshSession } from "./ssh";
import { startThrowawaySshd, type ThrowawaySshd } from "./testing/throwaway-sshd";

// The Docker API side is a small HTTP server on a unix socket: what is under test is the path to it
// (stream-local forwarding over the verified SSH connection, kept-alive streams, audit), which the
// lab's sshd disables. The real dockerd behind `docker system dial-stdio` is covered by faults.lab.test.ts.
let dir: string;
let api: Server;
const paths: string[] = [];
const sockets: unknown[] = [];
let sshd: ThrowawaySshd;
let ssh: SshSession;
const audit = new MemoryAudit();
/** The API version the fake daemon says it serves. */
let serverApi = "1.41";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "crossnet-docker-"));
  const socket = join(dir, "docker.sock");
  api = createServer((req, res) => {
    paths.push(req.url ?? "");
    sockets.push(req.socket);
    res.setHeader("content-type", "application/json");
    if (req.url === "/version") res.end(JSON.stringify({ Version: "test", ApiVersion: serverApi }));
    else res.end(JSON.stringify(req.url?.endsWith("/info") ? { Swarm: { LocalNodeState: "inactive" } } : []));
  });
  await new Promise<void>((resolve) => api.listen(socket, resolve));
  sshd = await startThrowawaySshd([`SetEnv DOCKER_HOST=unix://${socket}`]);
  ssh = await connectSsh(
    { host: "t1", address: "127.0.0.1", port: sshd.port, user: "root", key: sshd.clientKey, hostKey: sshd.hostKey },
    { audit, who: "test" },
  );
});

afterAll(async () => {
  ssh?.close();
  await sshd?.stop();
  await new Promise((resolve) => api?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe("Docker API over the SSH connection", () => {
  it("goes straight to the socket DOCKER_HOST names, reusing one stream for many requests", async () => {
    const docker = await connectDocker("t1", { endpoint: "ssh" }, ssh, { audit, who: "test" });
    expect(docker.route).toBe("ssh-socket");
    expect(docker.engine.apiVersion).toBe("1.41");
    const results = await Promise.all([docker.info(), docker.listNetworks(), docker.listContainers(), docker.info()]);
    expect(results[0]).toEqual({ Swarm: { LocalNodeState: "inactive" } });
    expect(paths.slice(-4)).toEqual([
      "/v1.41/info",
      "/v1.41/networks",
      "/v1.41/containers/json?all=true",
      "/v1.41/info",
    ]);
    expect(new Set(sockets.slice(-4)).size).toBe(1);
    expect(audit.entries.filter((e) => e.kind === "api").at(-1)).toMatchObject({
      kind: "api",
      method: "GET",
      path: "/v1.41/info",
      exitCode: 200,
      host: "t1",
      hostKeyFingerprint: sshd.hostKey,
    });
  });

  it("asks the daemon's version first, unversioned, and speaks the lower of its API and Crossnet's newest", async () => {
    for (const [served, spoken] of [
      ["1.45", "1.45"],
      ["1.50", "1.45"],
      ["1.40", "1.40"],
    ]) {
      serverApi = served ?? "";
      // Its own SSH connection: each client keeps its API stream (one channel of 8) open.
      const own = await connectSsh(
        { host: "t1", address: "127.0.0.1", port: sshd.port, user: "root", key: sshd.clientKey, hostKey: sshd.hostKey },
        { audit, who: "test" },
      );
      const docker = await connectDocker("t1", { endpoint: "ssh" }, own, { audit, who: "test" });
      await docker.listNetworks();
      own.close();
      expect(docker.engine.apiVersion).toBe(spoken);
      expect(paths.slice(-2)).toEqual(["/version", `/v${spoken}/networks`]);
      expect(audit.entries.filter((e) => e.kind === "api").at(-2)).toMatchObject({ path: "/version", exitCode: 200 });
    }
    serverApi = "1.41";
  });

  it("uses an explicit unix:// endpoint on the host", async () => {
    const docker = await connectDocker("t1", { endpoint: `unix://${join(dir, "docker.sock")}` }, ssh, {
      audit,
      who: "test",
    });
    expect(await docker.listNetworks()).toEqual([]);
  });

  it("refuses plain TCP with the reason", async () => {
    const error = await connectDocker("t1", { endpoint: "tcp://10.0.0.5:2375" }, ssh, { audit, who: "test" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DockerEndpointError);
    expect((error as Error).message).toMatch(/plain TCP to the Docker API is root for anyone on the network/);
  });

  it("refuses to inspect a container id that is not hex", async () => {
    const docker = await connectDocker("t1", { endpoint: "ssh" }, ssh, { audit, who: "test" });
    expect(() => docker.inspectContainer("../../containers/x")).toThrow(/malformed container id/);
  });
});
