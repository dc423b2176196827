import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { daemonLogFile } from "../lab/paths";
import { parseDockerInfo } from "../observe/parse-docker";
import { applyTopology, statusTopology } from "./apply";
import { MemoryAudit } from "./audit";
import { ConnectionLostError, HostKeyMismatchError } from "./errors";
import { HostPool } from "./hosts";
import { acquireHostLock, type LockHolder, releaseHostLock } from "./lock";
import { bringUpLab, convergeOptions, loadExample, setMgmtLink, type TestLab } from "./testing/lab";

const design = loadExample("macvlan.yaml");
let lab: TestLab;

beforeAll(async () => {
  lab = await bringUpLab(design);
});

afterAll(async () => {
  await lab?.down();
});

const pool = (overrides: { hostKey?: string } = {}, debug?: (line: string) => void) => {
  const inventory = structuredClone(lab.inventory);
  const entry = inventory.hosts["node-1"];
  if (entry && overrides.hostKey) entry.ssh.hostKey = overrides.hostKey;
  return new HostPool(inventory, {
    audit: new MemoryAudit(),
    who: "test",
    baseDir: lab.dir,
    ...(debug ? { ssh: { debug } } : {}),
  });
};

describe("transports on lab hosts", () => {
  it("reaches the Docker API through the host's own SSH connection", async () => {
    const hosts = pool();
    try {
      const connection = await hosts.get("node-1");
      expect(connection.ssh.login.shell).toBe("/bin/bash");
      expect(connection.ssh.login.dockerHost).toMatch(/^unix:\/\/\/run\/cn-lab\/node-1\/docker\.sock$/);
      // The lab's sshd forbids stream-local forwarding, so the API goes through `docker system dial-stdio`.
      expect(connection.docker.route).toBe("ssh-dial-stdio");
      expect(parseDockerInfo(await connection.docker.info()).swarm).toEqual({ state: "inactive" });
      const networks = (await connection.docker.listNetworks()) as { Name: string }[];
      expect(networks.map((n) => n.Name)).toContain("bridge");
    } finally {
      await hosts.close();
    }
  });

  it("refuses a host whose key is not the pinned one, before any authentication", async () => {
    const wrong = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    const logFile = daemonLogFile("node-1", "sshd");
    const logBefore = readFileSync(logFile, "utf8").length;
    const debug: string[] = [];
    const hosts = pool({ hostKey: wrong }, (line) => debug.push(line));
    try {
      const error = await hosts.get("node-1").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HostKeyMismatchError);
      expect((error as Error).message).toContain(
        `pins ${wrong} but the host presented ${lab.inventory.hosts["node-1"]?.ssh.hostKey}`,
      );
      expect(debug.some((line) => line.includes("USERAUTH_REQUEST"))).toBe(false);
      await new Promise((r) => setTimeout(r, 200));
      const log = readFileSync(logFile, "utf8").slice(logBefore);
      expect(log).not.toMatch(/Accepted publickey|Failed publickey|Invalid user/);
    } finally {
      await hosts.close();
    }
  });

  it("notices a cut management link through keepalives within about 3 s", async () => {
    const hosts = pool();
    try {
      const connection = await hosts.get("node-1");
      const running = connection.ssh.exec(["sleep", "60"]).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 200));
      const cut = Date.now();
      await setMgmtLink("node-1", "down");
      const error = await running;
      expect(error).toBeInstanceOf(ConnectionLostError);
      expect(Date.now() - cut).toBeLessThan(4500);
      expect(hosts.current("node-1")).toBeUndefined();
    } finally {
      await setMgmtLink("node-1", "up");
      await hosts.close();
    }
  });
});

describe("host locks", () => {
  const other: LockHolder = {
    id: "run-elsewhere",
    who: "alice",
    purpose: "apply",
    machine: "laptop-7",
    pid: 4242,
    since: "2026-01-01T00:00:00.000Z",
  };

  it("refuses a second apply while another holds a host's lock, naming the holder, and runs nothing", async () => {
    const hosts = pool();
    try {
      const node2 = await hosts.get("node-2");
      await acquireHostLock("node-2", "198.18.0.12", node2.ssh, other);
      const options = convergeOptions(lab);
      const report = await applyTopology(design, options);
      expect(report.status).toBe("failed");
      expect(report.refused).toMatch(/node-2: locked by alice \(apply, run run-elsewhere, pid 4242 on laptop-7/);
      expect(report.refused).toMatch(/rm -rf \/run\/crossnet\.lock/);
      const ran = options.audit.entries.filter((e) => e.kind === "command" && e.argv[0] === "docker");
      expect(ran).toEqual([]);
      // node-1's lock was taken and given back.
      const again = await acquireHostLock("node-1", "198.18.0.11", (await hosts.get("node-1")).ssh, {
        ...other,
        id: "probe",
      });
      expect(again).toEqual({});
      expect(await releaseHostLock((await hosts.get("node-1")).ssh, { ...other, id: "probe" })).toBe(true);
    } finally {
      await releaseHostLock((await hosts.get("node-2")).ssh, other);
      await hosts.close();
    }
  });

  it("takes over a lock left by a process of this machine that is gone", async () => {
    const dead = spawnSync("true").pid;
    const hosts = pool();
    try {
      const stale: LockHolder = { ...other, id: "run-dead", machine: hostname(), pid: dead };
      await acquireHostLock("node-1", "198.18.0.11", (await hosts.get("node-1")).ssh, stale);
      const events: string[] = [];
      const report = await applyTopology(design, convergeOptions(lab, { onEvent: (e) => events.push(e.type) }));
      expect(events).toContain("lock-taken-over");
      expect(report.status).toBe("done");
    } finally {
      await hosts.close();
    }
  });
});

describe("a host lost mid-apply", () => {
  it("stops alone with PARTIAL and an unknown step; the next apply converges without duplicates", async () => {
    // Start from nothing of the design's containers, so both hosts have steps.
    const hosts = pool();
    const node1 = await hosts.get("node-1");
    const node2 = await hosts.get("node-2");
    await node1.ssh.exec(["docker", "rm", "-f", "bbox-1"]);
    await node2.ssh.exec(["docker", "rm", "-f", "bbox-2"]);
    await hosts.close();

    let cut = false;
    const options = convergeOptions(lab, {
      onEvent: (event) => {
        if (event.type === "step-started" && event.host === "node-2" && !cut) {
          cut = true;
          void setMgmtLink("node-2", "down");
        }
      },
    });
    try {
      const report = await applyTopology(design, options);
      expect(report.status).toBe("partial");
      const node2Steps = report.run?.steps.filter((r) => r.step.host === "node-2") ?? [];
      expect(node2Steps[0]?.outcome).toMatch(/unknown|failed/);
      expect(report.run?.steps.filter((r) => r.step.host === "node-1").every((r) => r.outcome === "ok")).toBe(true);
      expect(report.run?.failures.map((f) => f.host)).toEqual(["node-2"]);
      const journal = readFileSync(join(lab.dir, "journal", `${report.runId}.jsonl`), "utf8")
        .trim()
        .split("\n");
      expect(journal.some((line) => line.includes('"state":"started"') && line.includes("node-2"))).toBe(true);
    } finally {
      await setMgmtLink("node-2", "up");
    }

    const again = await applyTopology(design, convergeOptions(lab));
    expect(again.status).toBe("done");
    expect(again.converged).toBe(true);
    const status = await statusTopology(design, convergeOptions(lab));
    expect(status.inSync).toBe(true);
  });
});
