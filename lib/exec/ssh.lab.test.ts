import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QuoteError } from "../plan/quote";
import { MemoryAudit } from "./audit";
import { CommandTimeoutError, ConnectionLostError, HostKeyMismatchError, SshConnectError } from "./errors";
import { connectSsh, type SshSession, type SshTarget } from "./ssh";
import { signal, startThrowawaySshd, type ThrowawaySshd } from "./testing/throwaway-sshd";

const run = promisify(execFile);
let sshd: ThrowawaySshd;
let target: SshTarget;
const audit = new MemoryAudit();

beforeAll(async () => {
  sshd = await startThrowawaySshd();
  target = {
    host: "t1",
    address: "127.0.0.1",
    port: sshd.port,
    user: "root",
    key: sshd.clientKey,
    hostKey: sshd.hostKey,
  };
});

afterAll(async () => {
  await sshd?.stop();
});

const connect = (overrides: Partial<SshTarget> = {}, debug?: (line: string) => void) =>
  connectSsh({ ...target, ...overrides }, { audit, who: "test", debug });

describe("ssh transport (throwaway sshd on 127.0.0.1)", () => {
  let session: SshSession;
  beforeAll(async () => {
    session = await connect();
  });
  afterAll(() => session?.close());

  it("runs argv commands and returns code, stdout, stderr and duration", async () => {
    const ok = await session.exec(["sh", "-c", "echo out; echo err >&2; exit 3"]);
    expect(ok).toMatchObject({ code: 3, stdout: "out\n", stderr: "err\n" });
    expect(ok.durationMs).toBeGreaterThanOrEqual(0);
    const fed = await session.exec(["cat"], { stdin: "from stdin\n" });
    expect(fed.stdout).toBe("from stdin\n");
  });

  it("delivers hostile arguments byte for byte", async () => {
    const args = ["a'b", "$(touch /tmp/crossnet-pwned)", "`id`", "x\ny", "; rm -rf /", "*", "-n", "é\u0001", ""];
    const result = await session.exec(["printf", "%s\\000", ...args]);
    expect(result.stdout).toBe(args.map((a) => `${a}\0`).join(""));
  });

  it("streams output while the command runs", async () => {
    const seen: { text: string; at: number }[] = [];
    const started = Date.now();
    const result = await session.exec(["sh", "-c", "echo first; sleep 0.4; echo second"], {
      onStdout: (text) => seen.push({ text, at: Date.now() - started }),
    });
    const finished = Date.now() - started;
    expect(result.stdout).toBe("first\nsecond\n");
    expect(seen[0]?.text).toBe("first\n");
    // The first line arrived while the command was still sleeping, not with the rest at the end.
    expect(seen[0]?.at).toBeLessThan(finished - 250);
  });

  it("abandons a command after its timeout", async () => {
    const started = Date.now();
    await expect(session.exec(["sleep", "5"], { timeoutMs: 300 })).rejects.toBeInstanceOf(CommandTimeoutError);
    expect(Date.now() - started).toBeLessThan(1500);
    expect((await session.exec(["true"])).code).toBe(0);
  });

  it("reuses one connection for many parallel commands (more than sshd's MaxSessions)", async () => {
    const before = sshd.connectionPids().length;
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => session.exec(["echo", String(i)])));
    expect(results.map((r) => r.stdout.trim())).toEqual(Array.from({ length: 24 }, (_, i) => String(i)));
    expect(sshd.connectionPids().length).toBe(before);
  });

  it("audits every command with host, fingerprint, argv, exit code and duration", async () => {
    await session.exec(["sh", "-c", "exit 7"], { auditArgv: ["sh", "-c", "{{SECRET}}"] });
    const entry = audit.entries.at(-1);
    expect(entry).toMatchObject({
      who: "test",
      host: "t1",
      hostKeyFingerprint: sshd.hostKey,
      kind: "command",
      exitCode: 7,
    });
    expect(entry?.kind === "command" && entry.argv).toEqual(["sh", "-c", "{{SECRET}}"]);
  });
});

describe("host key pinning", () => {
  it("refuses a host whose key differs from the inventory before authenticating", async () => {
    const wrong = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    const logBefore = sshd.log().length;
    const debugLines: string[] = [];
    const error = await connect({ hostKey: wrong }, (line) => debugLines.push(line)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostKeyMismatchError);
    expect((error as Error).message).toContain(`pins ${wrong}`);
    expect((error as Error).message).toContain(`presented ${sshd.hostKey} (ssh-ed25519)`);
    // The client never sent a USERAUTH_REQUEST, and sshd never saw one.
    expect(debugLines.some((l) => l.includes("USERAUTH_REQUEST"))).toBe(false);
    expect(debugLines.some((l) => l.includes("KEXINIT"))).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    const log = sshd.log().slice(logBefore);
    expect(log).toMatch(/(Received disconnect|Connection closed) from 127\.0\.0\.1 port \d+.*\[preauth\]/);
    expect(log).not.toMatch(/userauth-request|Accepted publickey|Failed publickey/);
    expect(audit.entries.at(-1)).toMatchObject({ kind: "event", hostKeyFingerprint: sshd.hostKey, host: "t1" });
    expect(audit.entries.at(-1)?.detail).toMatch(/host key refused before authentication/);
  });

  it("reports a refused key file or a closed port as connection errors without secrets", async () => {
    const badKey = await connect({ key: "/nonexistent/key" }).catch((e: unknown) => e);
    expect(badKey).toBeInstanceOf(SshConnectError);
    expect((badKey as Error).message).toMatch(/cannot read private key file \/nonexistent\/key \(ENOENT\)/);
    const closed = await connect({ port: 1 }).catch((e: unknown) => e);
    expect((closed as Error).message).toMatch(/connection refused/);
  });
});

describe("keepalive", () => {
  it("detects a peer that stopped answering within about 3 s and fails the running command", async () => {
    const session = await connect();
    const lostReasons: string[] = [];
    session.onClose((reason) => lostReasons.push(reason));
    const running = session.exec(["sleep", "60"]).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 200));
    // Freeze the per-connection sshd processes: the TCP connection stays open but nothing answers.
    const frozen = sshd.connectionPids();
    const started = Date.now();
    for (const pid of frozen) signal(pid, "SIGSTOP");
    try {
      const error = await running;
      const elapsed = Date.now() - started;
      expect(error).toBeInstanceOf(ConnectionLostError);
      expect((error as Error).message).toMatch(/keepalive/);
      expect(elapsed).toBeLessThan(4500);
      expect(elapsed).toBeGreaterThan(1500);
      expect(session.closed).toBe(true);
      expect(lostReasons).toHaveLength(1);
      await expect(session.exec(["true"])).rejects.toBeInstanceOf(ConnectionLostError);
    } finally {
      for (const pid of frozen) signal(pid, "SIGCONT");
    }
  });
});

describe("ssh-agent", () => {
  it("authenticates with a key held by ssh-agent (ssh.key: agent)", async () => {
    const socket = join(sshd.dir, "agent.sock");
    const agent = spawn("ssh-agent", ["-D", "-a", socket], { stdio: "ignore" });
    const saved = process.env.SSH_AUTH_SOCK;
    try {
      for (let i = 0; i < 50 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 20));
      await run("ssh-add", ["-q", sshd.clientKey], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
      process.env.SSH_AUTH_SOCK = socket;
      const session = await connectSsh({ ...target, key: "agent" }, { audit, who: "test" });
      expect((await session.exec(["echo", "via agent"])).stdout).toBe("via agent\n");
      session.close();
    } finally {
      if (saved === undefined) delete process.env.SSH_AUTH_SOCK;
      else process.env.SSH_AUTH_SOCK = saved;
      if (agent.pid !== undefined) signal(agent.pid, "SIGTERM");
    }
  });

  it("says how to fix a missing agent", async () => {
    const saved = process.env.SSH_AUTH_SOCK;
    delete process.env.SSH_AUTH_SOCK;
    try {
      await expect(connectSsh({ ...target, key: "agent" }, { audit, who: "test" })).rejects.toThrow(
        /SSH_AUTH_SOCK is not set/,
      );
    } finally {
      if (saved !== undefined) process.env.SSH_AUTH_SOCK = saved;
    }
  });
});

describe("login shell", () => {
  it("refuses a host whose login shell is not POSIX, and closes the connection", async () => {
    // sshd's SetEnv overrides the SHELL it reports; the real shell stays bash, which is enough to
    // exercise the refusal from connect to close.
    const fishy = await startThrowawaySshd(["SetEnv SHELL=/usr/bin/fish"]);
    try {
      const error = await connectSsh(
        { ...target, port: fishy.port, key: fishy.clientKey, hostKey: fishy.hostKey },
        { audit, who: "test" },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QuoteError);
      expect((error as Error).message).toMatch(/root@t1 has login shell \/usr\/bin\/fish, which is not a POSIX shell/);
      await new Promise((r) => setTimeout(r, 200));
      expect(fishy.connectionPids()).toEqual([]);
    } finally {
      await fishy.stop();
    }
  });
});
