import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApplyEvent, applyTopology, destroyTopology, statusTopology } from "../app/converge";
import { daemonLogFile } from "../lab/paths";
import { parseDockerInfo } from "../observe/parse-docker";
import { MemoryAudit } from "./audit";
import { ConnectionLostError, HostKeyMismatchError } from "./errors";
import { HostPool } from "./hosts";
import { acquireHostLock, type LockHolder, releaseHostLock } from "./lock";
import { freezeDockerd, restartDockerd } from "./testing/host-daemon";
import { bringUpLab, convergeOptions, loadExample, onHost, setMgmtLink, type TestLab } from "./testing/lab";

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
      survived.push("management link cut under a running command (keepalive, < 4.5 s)");
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
      const outcomes = JSON.stringify(report.run?.steps.map((r) => [r.step.id, r.outcome, r.error]));
      expect(report.status, outcomes).toBe("partial");
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
    survived.push("host unreachable mid-apply (PARTIAL, re-apply converged)");
  });
});

/** Faults injected and survived in this file, printed at the end (the security report quotes it). */
const survived: string[] = [];
afterAll(() => {
  process.stdout.write(`faults injected and survived on the lab: ${survived.length}\n  - ${survived.join("\n  - ")}\n`);
});

/** How many containers and networks named `name` a host has (duplicates would show as 2). */
async function countOn(host: string, what: "container" | "network", name: string): Promise<number> {
  const argv =
    what === "container"
      ? ["docker", "ps", "-a", "-q", "--filter", `name=^${name}$`]
      : ["docker", "network", "ls", "-q", "--filter", `name=^${name}$`];
  return (await onHost(host, argv)).split("\n").filter(Boolean).length;
}

async function expectNoDuplicates(): Promise<void> {
  expect(await countOn("node-1", "container", "bbox-1")).toBe(1);
  expect(await countOn("node-2", "container", "bbox-2")).toBe(1);
  for (const host of ["node-1", "node-2"]) expect(await countOn(host, "network", "mac_net1")).toBe(1);
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("an SSH connection dropped in the middle of a step", () => {
  it("keepalive ends it within its bound, the step is unknown, and the next apply observes before acting", async () => {
    await onHost("node-2", ["docker", "rm", "-f", "bbox-2"]);
    let cutAt = 0;
    const timeline: { at: number; event: ApplyEvent }[] = [];
    const options = convergeOptions(lab, {
      onEvent: (event) => {
        timeline.push({ at: Date.now(), event });
        if (event.type === "step-started" && event.host === "node-2" && cutAt === 0) {
          // dockerd stops answering, so the command is surely in flight when the link goes.
          freezeDockerd("node-2", true);
          cutAt = Date.now();
          void setMgmtLink("node-2", "down");
        }
      },
    });
    let report: Awaited<ReturnType<typeof applyTopology>>;
    try {
      report = await applyTopology(design, options);
    } finally {
      await setMgmtLink("node-2", "up");
      freezeDockerd("node-2", false);
    }
    const step = report.run?.steps.find((r) => r.step.host === "node-2");
    expect(step?.step.id).toBe("container:bbox-2@node-2/run-container");
    expect(step?.outcome).toBe("unknown");
    expect(report.status).not.toBe("done");
    expect(report.converged).toBe(false);
    const finished = timeline.find((t) => t.event.type === "step-finished" && t.event.host === "node-2");
    expect(finished).toBeDefined();
    expect((finished?.at ?? 0) - cutAt).toBeLessThan(4500);
    const journal = readFileSync(join(lab.dir, "journal", `${report.runId}.jsonl`), "utf8");
    expect(journal).toMatch(/"stepId":"container:bbox-2@node-2\/run-container".*"state":"unknown"/);

    // The command that got no answer may still finish on the host once dockerd resumes.
    await waitFor(
      "the unanswered docker run settles",
      async () => (await countOn("node-2", "container", "bbox-2")) > 0,
      20_000,
    ).catch(() => {});
    const existed = (await countOn("node-2", "container", "bbox-2")) > 0;
    const order: string[] = [];
    const again = await applyTopology(
      design,
      convergeOptions(lab, {
        onEvent: (event) => {
          if (event.type === "phase") order.push(event.phase);
          if (event.type === "step-started") order.push(`step ${event.step.id}`);
        },
      }),
    );
    expect(order.indexOf("observe")).toBeGreaterThanOrEqual(0);
    const firstStep = order.findIndex((entry) => entry.startsWith("step "));
    if (firstStep !== -1) expect(firstStep).toBeGreaterThan(order.indexOf("observe"));
    if (existed) expect(again.plan.steps.map((s) => s.id)).not.toContain("container:bbox-2@node-2/run-container");
    expect(again.status).toBe("done");
    expect(again.converged).toBe(true);
    await expectNoDuplicates();
    survived.push("SSH connection dropped mid-step (unknown, then observed and converged)");
  });
});

describe("two applies on one host at once", () => {
  it("refuses the second with who holds the lock, and the first finishes", async () => {
    await onHost("node-1", ["docker", "rm", "-f", "bbox-1"]);
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const first = applyTopology(
      design,
      convergeOptions(lab, {
        who: "alice",
        onEvent: (event) => {
          if (event.type === "phase" && event.phase === "observe") locked();
        },
      }),
    );
    await holding;
    const secondOptions = convergeOptions(lab, { who: "bob" });
    const second = await applyTopology(design, secondOptions);
    const done = await first;
    expect(second.status).toBe("failed");
    expect(second.refused).toMatch(new RegExp(`node-1: locked by alice \\(apply, run ${done.runId}`));
    expect(secondOptions.audit.entries.filter((e) => e.kind === "command" && e.argv[0] === "docker")).toEqual([]);
    expect(done.status).toBe("done");
    expect(done.converged).toBe(true);
    await expectNoDuplicates();
    survived.push("two applies on one host at once (second refused, naming alice and her run)");
  });
});

describe("the CLI killed with SIGKILL in the middle of an apply", () => {
  it("leaves a journal of what ran; the next apply takes the lock over and converges without duplicates", async () => {
    const destroyed = await destroyTopology(design, convergeOptions(lab));
    expect(destroyed.status).toBe("done");
    const data = mkdtempSync(join(tmpdir(), "crossnet-kill-"));
    try {
      const root = join(import.meta.dirname, "..", "..");
      const child = spawn(
        process.execPath,
        [
          join(root, "bin", "crossnet.js"),
          "apply",
          join(root, "examples", "macvlan.yaml"),
          "--inventory",
          lab.inventoryPath,
        ],
        { cwd: root, env: { ...process.env, CROSSNET_DATA: data, NO_COLOR: "1" }, stdio: "ignore" },
      );
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.once("exit", (_code, signal) => resolve(signal)),
      );
      const journalDir = join(data, "journal");
      const started = () => {
        if (!existsSync(journalDir)) return "";
        return readdirSync(journalDir)
          .map((file) => readFileSync(join(journalDir, file), "utf8"))
          .join("");
      };
      await waitFor("the CLI starts a step", async () => started().includes('"state":"started"'), 60_000);
      if (child.pid === undefined) throw new Error("no pid");
      process.kill(child.pid, "SIGKILL");
      expect(await exited).toBe("SIGKILL");
      // A command the dead process had sent may still be finishing on a host, as after a real crash.
      await new Promise((r) => setTimeout(r, 3000));
      const lines = started()
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { state: string; stepId: string; host: string });
      const begun = lines.filter((line) => line.state === "started");
      expect(begun.length).toBeGreaterThan(0);
      for (const line of lines.filter((l) => l.state !== "started"))
        expect(begun.map((b) => b.stepId)).toContain(line.stepId);
      expect(lines.filter((line) => line.state !== "started").length).toBeLessThan(4);

      const events: string[] = [];
      const again = await applyTopology(design, convergeOptions(lab, { onEvent: (e) => events.push(e.type) }));
      expect(events).toContain("lock-taken-over");
      const remaining = JSON.stringify({ plan: again.plan.steps.map((x) => x.id), remaining: again.remaining });
      expect(again.status, remaining).toBe("done");
      expect(again.converged, remaining).toBe(true);
      await expectNoDuplicates();
      expect((await statusTopology(design, convergeOptions(lab))).inSync).toBe(true);
      survived.push(
        `crossnet apply SIGKILLed after ${begun.length} started step(s) (journal kept, re-apply converged)`,
      );
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });
});

describe("dockerd restarted on a host", () => {
  it("the next status re-reads the stopped containers as drift, and apply converges", async () => {
    await applyTopology(design, convergeOptions(lab));
    const { before, after } = await restartDockerd("node-1");
    expect(after).not.toBe(before);
    const drift = await statusTopology(design, convergeOptions(lab));
    expect(drift.inSync).toBe(false);
    expect(drift.drift.steps.map((s) => s.resourceId)).toContain("container:bbox-1@node-1");
    const report = await applyTopology(design, convergeOptions(lab));
    expect(report.status).toBe("done");
    expect(report.converged).toBe(true);
    expect((await onHost("node-1", ["docker", "inspect", "-f", "{{.State.Running}}", "bbox-1"])).trim()).toBe("true");
    await expectNoDuplicates();
    survived.push("dockerd restarted on node-1 (stopped container seen, apply converged)");
  });
});

describe("a container deleted by hand", () => {
  it("shows as drift with its cause, and apply recreates it", async () => {
    await onHost("node-2", ["docker", "rm", "-f", "bbox-2"]);
    const status = await statusTopology(design, convergeOptions(lab));
    expect(status.inSync).toBe(false);
    const step = status.drift.steps.find((s) => s.resourceId === "container:bbox-2@node-2");
    expect(step).toMatchObject({ action: "+" });
    expect(step?.cause.en).toBe("missing");
    const options = convergeOptions(lab);
    const report = await applyTopology(design, options);
    expect(report.plan.steps.map((s) => s.resourceId)).toEqual(["container:bbox-2@node-2"]);
    expect(report.converged).toBe(true);
    // Every command and API call on a host is audited with who, host, host key, what, exit code and duration.
    const pinned = (host: string) => lab.inventory.hosts[host]?.ssh.hostKey;
    const calls = options.audit.entries.filter((e) => e.kind !== "event");
    expect(calls.length).toBeGreaterThan(3);
    for (const entry of calls) {
      expect(entry).toMatchObject({ who: "test", hostKeyFingerprint: pinned(entry.host ?? "") });
      expect(typeof entry.exitCode).toBe("number");
      expect(typeof entry.durationMs).toBe("number");
    }
    for (const step of report.plan.steps)
      expect(
        calls.some((e) => e.kind === "command" && e.host === step.host && e.argv.join(" ") === step.argv.join(" ")),
      ).toBe(true);
    expect((await statusTopology(design, convergeOptions(lab))).inSync).toBe(true);
    await expectNoDuplicates();
    survived.push("a container deleted by hand (drift shown, recreated)");
  });
});

describe("destroy", () => {
  it("removes only what Crossnet labelled, and twice in a row is a no-op", async () => {
    await onHost("node-1", [
      "docker",
      "run",
      "-d",
      "--name",
      "handmade",
      "--network",
      "none",
      "busybox",
      "sleep",
      "600",
    ]);
    try {
      const first = await destroyTopology(design, convergeOptions(lab));
      expect(first.status).toBe("done");
      expect(first.converged).toBe(true);
      expect(first.plan.steps.length).toBeGreaterThan(0);
      const secondOptions = convergeOptions(lab);
      const second = await destroyTopology(design, secondOptions);
      expect(second.status).toBe("done");
      expect(second.plan.steps).toEqual([]);
      expect(second.run?.steps ?? []).toEqual([]);
      const mutating = secondOptions.audit.entries.filter(
        (e) => e.kind === "command" && e.argv[0] === "docker" && ["rm", "run", "create"].includes(e.argv[1] ?? ""),
      );
      expect(mutating).toEqual([]);
      expect(await countOn("node-1", "container", "handmade")).toBe(1);
      expect(await countOn("node-1", "container", "bbox-1")).toBe(0);
      survived.push("destroy twice (second a no-op; an unlabelled container left alone)");
    } finally {
      await onHost("node-1", ["docker", "rm", "-f", "handmade"]);
    }
  });
});
