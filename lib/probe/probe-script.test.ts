import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HostFrameReader, type HostRunItem } from "./frames";
import { parseCheck } from "./parse-check";
import { parsePing } from "./parse-ping";
import { PINGER_SCRIPT } from "./pinger-script";
import {
  FAST_SCRIPT,
  HOST_SCRIPT,
  hostProbeArgv,
  PROBE_SCRIPT,
  pairCommand,
  pingArgv,
  STOP_SCRIPT,
  stopArgv,
} from "./probe-script";
import { DEFAULT_PROBE_SETTINGS } from "./settings";

const settings = DEFAULT_PROBE_SETTINGS;
const scratch = mkdtempSync(join(tmpdir(), "cn-probe-script-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A directory with stand-in programs (`#!/bin/sh` scripts) to put first in PATH. */
function fakeBin(name: string, programs: Record<string, string[]>): string {
  const bin = join(scratch, name);
  mkdirSync(bin, { recursive: true });
  for (const [program, lines] of Object.entries(programs)) {
    const file = join(bin, program);
    writeFileSync(file, `#!/bin/sh\n${lines.join("\n")}\n`);
    chmodSync(file, 0o755);
  }
  return bin;
}

/** A busybox-like ping (refuses -V) that sleeps, then answers like busybox; `nx*` names do not resolve. */
const BUSYBOX_LIKE_PING = [
  'case "$1" in -V) exit 1;; esac',
  "for a; do t=$a; done",
  'case "$t" in slow*) sleep 0.6;; *) sleep 0.3;; esac',
  'case "$t" in nx*) echo "ping: bad address \'$t\'"; exit 1;; esac',
  'echo "PING $t ($t): 56 data bytes"',
  'echo "64 bytes from $t: seq=0 ttl=64 time=0.5 ms"',
  'echo ""',
  'echo "--- $t ping statistics ---"',
  'echo "1 packets transmitted, 1 packets received, 0% packet loss"',
  'echo "round-trip min/avg/max = 0.5/0.5/0.5 ms"',
];

/** A `docker` whose `exec SRC sh -c P …` runs the probe right here; `stopped-*` containers are not running. */
const FAKE_DOCKER = [
  "shift; s=$1; shift",
  'case "$s" in stopped*) echo "Error response from daemon: Container 5f3a is not running" >&2; exit 1;; esac',
  'exec "$@"',
];

function run(shell: string[], script: string, args: string[], path: string) {
  const started = Date.now();
  const result = spawnSync(shell[0] ?? "sh", [...shell.slice(1), "-c", script, "sh", ...args], {
    encoding: "utf8",
    env: { PATH: path, NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { ...result, ms: Date.now() - started };
}

/** Reads a whole output for sources given as [offset, number of targets] (targets named t1, t2, … unless given). */
function readAll(stdout: string, sources: [number, number][], targets?: string[]): HostRunItem[] {
  const list = sources.map(([offset, count]) => ({
    offset,
    targets: targets?.slice(offset, offset + count) ?? Array.from({ length: count }, (_, i) => `t${offset + i + 1}`),
  }));
  return new HostFrameReader(list).push(stdout);
}

const frames = (items: HostRunItem[]) =>
  items.flatMap((item) => (item.kind === "frame" ? [item] : [])).sort((a, b) => a.index - b.index);

describe("hostProbeArgv", () => {
  const id = "fd11cfbf58d63a2e2312c3c83d2408abfd6557dddfa120e7b2dcb96c99bf9b23";

  it("passes the scripts, the settings and every source's mode and targets as positional arguments", () => {
    const argv = hostProbeArgv(settings, 8, [
      { container: "bbox-1", mode: "fast", pid: 4242, id, offset: 0, targets: ["10.0.0.12", "10.0.0.13"] },
      { container: "bbox-1", mode: "exec", offset: 2, targets: ["bbox-2"] },
    ]);
    expect(argv.slice(0, 4)).toEqual(["sh", "-c", HOST_SCRIPT, "sh"]);
    expect(argv.slice(4)).toEqual([
      "8",
      PROBE_SCRIPT,
      FAST_SCRIPT,
      PINGER_SCRIPT,
      "3",
      "0.2",
      "1",
      "2",
      "exec",
      "bbox-1",
      "0",
      "none",
      "2",
      "1",
      "bbox-2",
      "python",
      "fast",
      "bbox-1",
      "4242",
      id,
      "0",
      "2",
      "10.0.0.12",
      "10.0.0.13",
    ]);
    for (const script of [HOST_SCRIPT, PROBE_SCRIPT, FAST_SCRIPT, PINGER_SCRIPT, STOP_SCRIPT])
      expect(script).not.toMatch(/10\.0\.0|bbox|4242/);
  });

  it("falls back to exec when the PID or id is missing or malformed", () => {
    const argv = hostProbeArgv(settings, 8, [
      { container: "a", mode: "fast", offset: 0, targets: ["10.0.0.1"] },
      { container: "b", mode: "framed", pid: 7, id: "not-an-id", offset: 1, targets: ["10.0.0.1"] },
    ]);
    expect(argv.slice(12)).toEqual([
      "exec",
      "a",
      "0",
      "none",
      "0",
      "1",
      "10.0.0.1",
      "exec",
      "b",
      "0",
      "none",
      "1",
      "1",
      "10.0.0.1",
    ]);
  });

  it("refuses a container or target that could be read as an option", () => {
    const batch = { mode: "exec" as const, offset: 0 };
    expect(() => hostProbeArgv(settings, 8, [{ ...batch, container: "-x", targets: ["a"] }])).toThrow(/refusing/);
    expect(() => hostProbeArgv(settings, 8, [{ ...batch, container: "a", targets: ["--help"] }])).toThrow(/refusing/);
    expect(() => hostProbeArgv(settings, 8, [{ ...batch, container: "a", targets: [""] }])).toThrow(/refusing/);
  });

  it("shows the exact per-pair command of each mode", () => {
    expect(
      pairCommand(
        settings,
        { container: "bbox-1", mode: "py", pid: 4242, id },
        { iputils: false, timeout: "none" },
        "10.0.0.12",
      ),
    ).toBe(`python3 -c "$CROSSNET_PINGER" 3 0.2 1 fast bbox-1 4242 ${id} 0 1 10.0.0.12`);
    const busybox = { iputils: false, timeout: "busybox" } as const;
    expect(pairCommand(settings, { container: "bbox-1", mode: "exec" }, busybox, "bbox-2")).toBe(
      "docker exec bbox-1 timeout 2 ping -4 -c 3 -i 0.2 -W 1 -w 1 -- bbox-2",
    );
    expect(
      pairCommand(
        settings,
        { container: "bbox-1", mode: "fast", pid: 4242 },
        { iputils: true, timeout: "none" },
        "10.0.0.12",
      ),
    ).toBe("nsenter --net=/proc/4242/ns/net -- ping -4 -n -q -c 3 -i 0.2 -W 1 -w 1 -- 10.0.0.12");
    expect(
      pairCommand(
        settings,
        { container: "bbox-1", mode: "framed", pid: 4242 },
        { iputils: true, timeout: "coreutils" },
        "10.0.0.12",
      ),
    ).toBe("nsenter --net=/proc/4242/ns/net -- timeout --foreground 2 ping -4 -c 3 -i 0.2 -W 1 -w 1 -n -- 10.0.0.12");
    expect(pingArgv(settings, busybox, "x")).toEqual([
      "timeout",
      "2",
      "ping",
      "-4",
      "-c",
      "3",
      "-i",
      "0.2",
      "-W",
      "1",
      "-w",
      "1",
      "--",
      "x",
    ]);
    expect(stopArgv(7, [{ container: "bbox-1", pid: 42 }])).toEqual([
      "sh",
      "-c",
      STOP_SCRIPT,
      "sh",
      "7",
      "bbox-1",
      "42",
    ]);
  });
});

describe("HostFrameReader", () => {
  const stream = [
    "@@cn-pid 0 77 0 1",
    "@@cn-b 2",
    "@@cn-b 1",
    "2:ping: bad address 'bbox-2'",
    "1:PING 10.0.0.12 (10.0.0.12): 56 data bytes",
    "@@cn-e 2 1",
    "1:64 bytes from 10.0.0.12: seq=0 ttl=64 time=0.867 ms",
    "@@cn-e 1 0",
    "@@cn-xb 2",
    "x2:Error response from daemon: Container 5f3a is not running",
    "@@cn-xe 2 1",
    "@@cn-xb 0",
    "@@cn-xe 0 0",
    "",
  ].join("\n");

  it("yields items as their last line arrives, whatever the chunking and interleaving", () => {
    for (const size of [1, 3, 7, stream.length]) {
      const reader = new HostFrameReader([
        { offset: 0, targets: ["10.0.0.12", "bbox-2"] },
        { offset: 2, targets: ["10.0.0.11"] },
      ]);
      const items: HostRunItem[] = [];
      for (let i = 0; i < stream.length; i += size) items.push(...reader.push(stream.slice(i, i + size)));
      expect(items).toEqual([
        { kind: "header", offset: 0, header: { pid: 77, iputils: false, timeout: "busybox" } },
        { kind: "frame", index: 2, exitCode: 1, text: "ping: bad address 'bbox-2'" },
        {
          kind: "frame",
          index: 1,
          exitCode: 0,
          text: "PING 10.0.0.12 (10.0.0.12): 56 data bytes\n64 bytes from 10.0.0.12: seq=0 ttl=64 time=0.867 ms",
        },
        {
          kind: "exec-end",
          offset: 2,
          exitCode: 1,
          stderr: "Error response from daemon: Container 5f3a is not running",
        },
        { kind: "exec-end", offset: 0, exitCode: 0, stderr: "" },
      ]);
      expect(reader.has(1) && reader.has(2) && !reader.has(3)).toBe(true);
    }
  });

  it("drops stray lines, unopened, duplicated, unexpected and unterminated frames", () => {
    const items = readAll(
      [
        "stray line",
        "1:before the frame opens",
        "@@cn-e 2 0",
        "@@cn-b 1",
        "1:ok",
        "@@cn-e 1 0",
        "@@cn-b 1",
        "1:again",
        "@@cn-e 1 0",
        "@@cn-b 3",
        "3:x",
        "@@cn-e 3 0",
        "@@cn-pid 9 1 0 0",
        "@@cn-b 2",
        "2:never ends",
      ].join("\n"),
      [[0, 2]],
    );
    expect(items).toEqual([{ kind: "frame", index: 1, exitCode: 0, text: "ok" }]);
  });

  it("cannot be fooled by an output line that looks like a marker", () => {
    const items = readAll("@@cn-b 1\n@@cn-b 2\n1:@@cn-e 2 0\n2:x\n@@cn-e 2 0\n@@cn-e 1 0\n", [[0, 2]]);
    expect(frames(items)).toEqual([
      { kind: "frame", index: 1, exitCode: 0, text: "@@cn-e 2 0" },
      { kind: "frame", index: 2, exitCode: 0, text: "x" },
    ]);
  });

  it("keeps an empty output as an empty frame", () => {
    expect(readAll("@@cn-b 1\n1:\n@@cn-e 1 0\n", [[0, 1]])).toEqual([
      { kind: "frame", index: 1, exitCode: 0, text: "" },
    ]);
  });
});

describe("PROBE_SCRIPT", () => {
  const path = `${fakeBin("busybox-like", { ping: BUSYBOX_LIKE_PING })}:/usr/bin:/bin`;
  const targets = ["10.0.0.12", "slow-1", "nx-1", "10.0.0.13", "slow-2", "slow-3", "slow-4", "slow-5"];

  // busybox sh runs its own ping applet whatever PATH says: the loopback test below covers it.
  for (const shell of [["/bin/dash"], ["/bin/bash", "--norc", "--posix"]]) {
    it(`pings its first M targets in parallel and frames each result at OFFSET+n (${shell.join(" ")})`, () => {
      const result = run(shell, PROBE_SCRIPT, ["3", "0.2", "1", "2", "10", "8", ...targets, "ignored"], path);
      expect(result.status).toBe(0);
      // One after the other would take over 4 s.
      expect(result.ms).toBeLessThan(2500);
      const items = readAll(result.stdout, [[10, 8]]);
      expect(items[0]).toMatchObject({ kind: "header", offset: 10, header: { iputils: false, timeout: "coreutils" } });
      const got = frames(items);
      expect(got.map((frame) => frame.index)).toEqual([11, 12, 13, 14, 15, 16, 17, 18]);
      for (const frame of got) {
        const target = targets[frame.index - 11] ?? "";
        const outcome = parsePing(frame.text);
        if (target.startsWith("nx")) {
          expect(frame.exitCode).toBe(1);
          expect(outcome.error).toBe(`ping: bad address '${target}'`);
        } else {
          expect(frame.exitCode).toBe(0);
          expect(frame.text).toContain(`PING ${target} `);
          expect(outcome.received).toBe(1);
        }
      }
    });
  }

  it("hands every argument to ping as one word, bounded by coreutils timeout in the foreground", () => {
    const bin = fakeBin("args", { ping: ['case "$1" in -V) exit 1;; esac', 'printf "<%s>" "$@"'] });
    const result = run(["/bin/dash"], PROBE_SCRIPT, ["3", "0.2", "1", "2", "0", "3", "a b", "$(id)", "*"], bin);
    expect(frames(readAll(result.stdout, [[0, 3]])).map((frame) => frame.text)).toEqual([
      "<-4><-c><3><-i><0.2><-W><1><-w><1><--><a b>",
      "<-4><-c><3><-i><0.2><-W><1><-w><1><--><$(id)>",
      "<-4><-c><3><-i><0.2><-W><1><-w><1><--><*>",
    ]);
  });

  it("kills a ping that outlives the bound", () => {
    const bin = fakeBin("hang", { ping: ['case "$1" in -V) exit 1;; esac', "exec sleep 30"] });
    const result = run(["/bin/dash"], PROBE_SCRIPT, ["1", "0.2", "1", "1", "0", "1", "x"], `${bin}:/usr/bin:/bin`);
    // Killed, not waited for: the fake ping sleeps 30 s.
    expect(result.ms).toBeLessThan(15_000);
    expect(frames(readAll(result.stdout, [[0, 1]]))).toEqual([{ kind: "frame", index: 1, exitCode: 124, text: "" }]);
  });

  it("adds -n for iputils and runs without timeout when the image has none", () => {
    const bin = fakeBin("iputils", { ping: ['case "$1" in -V) exit 0;; esac', 'printf "<%s>" "$@"'] });
    const items = readAll(run(["/bin/dash"], PROBE_SCRIPT, ["3", "0.2", "1", "2", "0", "1", "t"], bin).stdout, [
      [0, 1],
    ]);
    expect(items).toEqual([
      { kind: "header", offset: 0, header: expect.objectContaining({ iputils: true, timeout: "none" }) },
      { kind: "frame", index: 1, exitCode: 0, text: "<-4><-c><3><-i><0.2><-W><1><-w><1><-n><--><t>" },
    ]);
  });

  it("stops its whole process group on TERM", async () => {
    const bin = fakeBin("hang2", { ping: ['case "$1" in -V) exit 1;; esac', "exec sleep 30"] });
    const child = spawn(
      "/usr/bin/setsid",
      ["/bin/dash", "-c", PROBE_SCRIPT, "sh", "1", "0.2", "1", "20", "0", "2", "a", "b"],
      { env: { PATH: `${bin}:/usr/bin:/bin`, NODE_ENV: "test" }, stdio: ["ignore", "pipe", "ignore"] },
    );
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    while (!/@@cn-pid 0 (\d+)/.test(out)) await new Promise((wake) => setTimeout(wake, 20));
    const pid = Number(/@@cn-pid 0 (\d+)/.exec(out)?.[1]);
    await new Promise((wake) => setTimeout(wake, 200));
    const started = Date.now();
    process.kill(pid, "SIGTERM");
    await new Promise((done) => child.on("close", done));
    // Stopped, not finished: the fake ping sleeps 30 s, so a script that waited for it closes after 30 s.
    expect(Date.now() - started).toBeLessThan(15_000);
    // Zombies are dead already; they wait for whoever reaps orphans here.
    const left = () =>
      spawnSync("ps", ["-o", "pid=,stat=,args=", "-s", String(pid)], { encoding: "utf8" })
        .stdout.split("\n")
        .filter((line) => line.trim() && !/^\s*\d+ Z/.test(line))
        .join("\n");
    for (let i = 0; i < 20 && left(); i++) await new Promise((wake) => setTimeout(wake, 50));
    expect(left()).toBe("");
  });
});

describe("HOST_SCRIPT", () => {
  const path = `${fakeBin("host", { ping: BUSYBOX_LIKE_PING, docker: FAKE_DOCKER })}:/usr/bin:/bin`;
  const targets = ["10.0.0.12", "nx-2", "10.0.0.11", "10.0.0.11", "10.0.0.12", "10.0.0.13"];

  it("runs each source's probe in waves of K and reports Docker's errors per source", () => {
    const argv = hostProbeArgv(settings, 2, [
      { container: "bbox-1", mode: "exec", offset: 0, targets: targets.slice(0, 2) },
      { container: "stopped-2", mode: "exec", offset: 2, targets: targets.slice(2, 3) },
      { container: "bbox-3", mode: "exec", offset: 3, targets: targets.slice(3) },
    ]);
    const result = run(["/bin/dash"], HOST_SCRIPT, argv.slice(4), path);
    expect(result.status).toBe(0);
    // Two waves (K = 2) of about 0.3 s each.
    expect(result.ms).toBeGreaterThan(550);
    expect(result.ms).toBeLessThan(2000);
    const items = readAll(
      result.stdout,
      [
        [0, 2],
        [2, 1],
        [3, 3],
      ],
      targets,
    );
    expect(frames(items).map((frame) => [frame.index, frame.exitCode])).toEqual([
      [1, 0],
      [2, 1],
      [4, 0],
      [5, 0],
      [6, 0],
    ]);
    expect(frames(items).find((frame) => frame.index === 6)?.text).toContain("PING 10.0.0.13 ");
    const ends = items.flatMap((item) => (item.kind === "exec-end" ? [item] : [])).sort((a, b) => a.offset - b.offset);
    expect(ends).toEqual([
      { kind: "exec-end", offset: 0, exitCode: 0, stderr: "" },
      {
        kind: "exec-end",
        offset: 2,
        exitCode: 1,
        stderr: "Error response from daemon: Container 5f3a is not running",
      },
      { kind: "exec-end", offset: 3, exitCode: 0, stderr: "" },
    ]);
    expect(items.filter((item) => item.kind === "mode").map((item) => item.kind === "mode" && item.mode)).toEqual([
      "exec",
      "exec",
      "exec",
    ]);
  });

  it("never enters a PID whose cgroup does not name the container", () => {
    const group = { container: "bbox-1", mode: "fast" as const, pid: process.pid, id: "0123456789abcdef", offset: 0 };
    const argv = hostProbeArgv(settings, 4, [{ ...group, targets: ["10.0.0.12"] }]);
    // With python3 the pinger refuses the source (the retry then goes through docker exec) ...
    const withPython = readAll(run(["/bin/dash"], HOST_SCRIPT, argv.slice(4), path).stdout, [[0, 1]], ["10.0.0.12"]);
    expect(withPython.find((item) => item.kind === "mode")).toEqual({ kind: "mode", offset: 0, mode: "py" });
    expect(withPython.find((item) => item.kind === "exec-end")).toMatchObject({
      stderr: expect.stringContaining("is not container 0123456789ab any more"),
    });
    expect(frames(withPython)).toEqual([]);
    // ... without it, the shell path uses docker exec at once.
    const bin = join(scratch, "no-python");
    mkdirSync(bin, { recursive: true });
    for (const [name, target] of [
      ["sh", "/bin/dash"],
      ["awk", "/usr/bin/mawk"],
      ["nsenter", "/usr/bin/nsenter"],
      ["id", "/usr/bin/id"],
      ["timeout", "/usr/bin/timeout"],
      ["sleep", "/usr/bin/sleep"],
    ] as const)
      symlinkSync(target, join(bin, name));
    const hostBin = join(scratch, "host");
    const withoutPython = readAll(
      run(["/bin/dash"], HOST_SCRIPT, argv.slice(4), `${hostBin}:${bin}`).stdout,
      [[0, 1]],
      ["10.0.0.12"],
    );
    expect(withoutPython.find((item) => item.kind === "mode")).toEqual({ kind: "mode", offset: 0, mode: "exec" });
    expect(frames(withoutPython)).toHaveLength(1);
  });

  it("refuses an argument list whose counts do not add up", () => {
    const args = [
      "2",
      PROBE_SCRIPT,
      FAST_SCRIPT,
      PINGER_SCRIPT,
      "3",
      "0.2",
      "1",
      "2",
      "exec",
      "a",
      "0",
      "none",
      "0",
      "5",
      "x",
    ];
    expect(run(["/bin/dash"], HOST_SCRIPT, args, path).status).toBe(2);
  });

  it("STOP_SCRIPT stops the host script and asks docker to TERM each PID in its container", async () => {
    const bin = fakeBin("stop", { docker: ['echo "$*" >> "$LOG"'] });
    const log = join(scratch, "stop.log");
    const sleeper = spawn("sleep", ["30"]);
    const gone = new Promise((done) => sleeper.on("exit", done));
    const argv = stopArgv(sleeper.pid ?? 0, [
      { container: "a", pid: 1 },
      { container: "b", pid: 2 },
    ]);
    spawnSync("/bin/dash", ["-c", STOP_SCRIPT, ...argv.slice(3)], {
      env: { PATH: `${bin}:/usr/bin:/bin`, LOG: log, NODE_ENV: "test" },
    });
    await gone;
    const lines = spawnSync("sort", [log], { encoding: "utf8" }).stdout.trim().split("\n");
    expect(lines).toEqual(["exec a kill -TERM 1", "exec b kill -TERM 2"]);
  });

  it("stops everything it started when it gets TERM", async () => {
    const bin = fakeBin("host-hang", {
      ping: ['case "$1" in -V) exit 1;; esac', "exec sleep 30"],
      docker: FAKE_DOCKER,
    });
    const argv = hostProbeArgv(settings, 4, [
      { container: "bbox-1", mode: "exec", offset: 0, targets: ["10.0.0.12", "10.0.0.13"] },
      { container: "bbox-2", mode: "exec", offset: 2, targets: ["10.0.0.11"] },
    ]);
    const child = spawn("/usr/bin/setsid", ["/bin/dash", "-c", HOST_SCRIPT, ...argv.slice(3)], {
      env: { PATH: `${bin}:/usr/bin:/bin`, NODE_ENV: "test" },
      stdio: ["ignore", "pipe", "ignore"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    while ((out.match(/@@cn-pid/g) ?? []).length < 2) await new Promise((wake) => setTimeout(wake, 20));
    const host = readAll(out, [
      [0, 2],
      [2, 1],
    ]).find((item) => item.kind === "host");
    if (host?.kind !== "host") throw new Error("no host line");
    const started = Date.now();
    process.kill(host.pid, "SIGTERM");
    await new Promise((done) => child.on("close", done));
    // Stopped, not finished: the fake pings sleep 30 s, so a script that waited for them closes after 30 s.
    expect(Date.now() - started).toBeLessThan(15_000);
    const left = () =>
      spawnSync("ps", ["-o", "pid=,stat=", "-s", String(host.pid)], { encoding: "utf8" })
        .stdout.split("\n")
        .filter((line) => line.trim() && !/^\s*\d+ Z/.test(line));
    for (let i = 0; i < 20 && left().length; i++) await new Promise((wake) => setTimeout(wake, 50));
    expect(left()).toEqual([]);
  });
});

describe("FAST_SCRIPT", () => {
  /** The fast probe as the host runs it: its lines prefixed by awk. */
  function runFast(pathDirs: string, targets: string[], offset = 0) {
    const args = ["3", "0.2", "1", String(offset), String(targets.length), ...targets];
    const pipeline = `sh -c "$1" sh "$@" | awk -v o=${offset} '{ print "f" o ":" $0; fflush() }'`;
    const started = Date.now();
    const result = spawnSync(
      "/bin/dash",
      ["-c", pipeline.replace('"$1" sh "$@"', '"$0" "$@"'), FAST_SCRIPT, "sh", ...args],
      {
        encoding: "utf8",
        env: { PATH: pathDirs, NODE_ENV: "test" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    return { ...result, ms: Date.now() - started };
  }

  it("pings every target at once and attributes each result by the target it names", () => {
    const bin = fakeBin("fast-busybox", { ping: BUSYBOX_LIKE_PING });
    const targets = ["10.0.0.12", "slow-1", "slow-2", "slow-3", "10.0.0.13"];
    const result = runFast(`${bin}:/usr/bin:/bin`, targets, 4);
    // One after the other would take 2.4 s.
    expect(result.ms).toBeLessThan(1800);
    const items = readAll(`@@cn-mode 4 fast\n${result.stdout}`, [[4, 5]], [...Array(4).fill("-"), ...targets]);
    expect(items[1]).toMatchObject({ kind: "header", offset: 4, header: { iputils: false, timeout: "none" } });
    const got = frames(items);
    expect(got.map((frame) => frame.index)).toEqual([5, 6, 7, 8, 9]);
    for (const frame of got) {
      const target = targets[frame.index - 5] ?? "";
      expect(frame.text.split("\n")[0]).toBe(`PING ${target} (${target}): 56 data bytes`);
      expect(parsePing(frame.text)).toMatchObject({ sent: 1, received: 1, rttMs: { avg: 0.5 } });
    }
  });

  it("works with the real iputils and busybox ping on loopback", () => {
    const bin = join(scratch, "fast-real");
    mkdirSync(bin, { recursive: true });
    symlinkSync("/usr/bin/busybox", join(bin, "ping"));
    for (const [label, path] of [
      ["iputils", "/usr/bin:/bin"],
      ["busybox", `${bin}:/usr/bin:/bin`],
    ] as const) {
      const result = runFast(path, ["127.0.0.1", "127.0.0.2"]);
      const items = readAll(`@@cn-mode 0 fast\n${result.stdout}`, [[0, 2]], ["127.0.0.1", "127.0.0.2"]);
      expect(items[1], label).toMatchObject({ kind: "header", header: { iputils: label === "iputils" } });
      expect(frames(items), label).toHaveLength(2);
      for (const frame of frames(items))
        expect(parsePing(frame.text), label).toMatchObject({ flavour: label, sent: 3, received: 3, lossPct: 0 });
    }
  });
});

describe("the scripts with the real busybox sh and ping, on loopback", () => {
  it("reaches 127.0.0.1 and 127.0.0.2 from one probe", () => {
    const bin = join(scratch, "busybox-bin");
    mkdirSync(bin, { recursive: true });
    for (const applet of ["ping", "timeout", "sh"]) symlinkSync("/usr/bin/busybox", join(bin, applet));
    const result = run(
      [join(bin, "sh")],
      PROBE_SCRIPT,
      ["3", "0.2", "1", "2", "0", "2", "127.0.0.1", "127.0.0.2"],
      bin,
    );
    const items = readAll(result.stdout, [[0, 2]]);
    expect(items[0]).toMatchObject({ kind: "header", header: { iputils: false, timeout: "busybox" } });
    expect(frames(items)).toHaveLength(2);
    for (const frame of frames(items)) expect(parsePing(frame.text)).toMatchObject({ flavour: "busybox", received: 3 });
  });
});

describe("PINGER_SCRIPT", () => {
  it("pings from a process's network namespace and frames each target (loopback only)", () => {
    const root = process.getuid?.() === 0;
    const args = ["3", "0.2", "1", "fast", "x", String(process.pid), "/", "0", "2", "127.0.0.1", "127.0.0.2"];
    const result = spawnSync("/usr/bin/python3", ["-c", PINGER_SCRIPT, ...args], { encoding: "utf8" });
    const items = readAll(result.stdout, [[0, 2]], ["127.0.0.1", "127.0.0.2"]);
    expect(items[0]).toEqual({ kind: "mode", offset: 0, mode: "py" });
    if (!root) {
      // setns needs root: the source is refused with the reason.
      expect(items.find((item) => item.kind === "exec-end")).toMatchObject({
        stderr: expect.stringContaining("setns"),
      });
      return;
    }
    const got = frames(items);
    expect(got.map((frame) => [frame.index, frame.exitCode])).toEqual([
      [1, 0],
      [2, 0],
    ]);
    for (const frame of got)
      expect(parsePing(frame.text)).toMatchObject({ flavour: "crossnet", sent: 3, received: 3, lossPct: 0 });
  });
});

describe("PINGER_SCRIPT checks (loopback only)", () => {
  it("tcp: open where something listens, refused where nothing does; udp refused; mtu measured; from the host's own netns", async () => {
    const { createServer } = await import("node:net");
    const server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const open = (server.address() as { port: number }).port;
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, "127.0.0.1", () => {
        const port = (probe.address() as { port: number }).port;
        probe.close(() => resolve(port));
      });
    });
    try {
      // A name goes to Docker's DNS at 127.0.0.11 (loopback): here nothing answers there.
      const targets = [
        `tcp:127.0.0.1:${open}`,
        `tcp:127.0.0.1:${closed}`,
        `udp:127.0.0.1:${closed}`,
        "mtu:127.0.0.1",
        "tcp:no-such-name:80",
      ];
      const args = ["1", "0.2", "1", "fast", "host:me", "1", "host", "0", String(targets.length), ...targets];
      const child = spawn("/usr/bin/python3", ["-c", PINGER_SCRIPT, ...args]);
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      await new Promise((resolve) => child.on("close", resolve));
      const got = frames(readAll(stdout, [[0, targets.length]], targets));
      expect(got.map((frame) => [frame.index, parseCheck(frame.text)?.state])).toEqual([
        [1, "open"],
        [2, "refused"],
        [3, "refused"],
        [4, process.getuid?.() === 0 ? "measured" : expect.anything()],
        [5, "unresolved"],
      ]);
      if (process.getuid?.() === 0) expect(parseCheck(got[3]?.text ?? "")?.pathMtu).toBeGreaterThan(1500);
    } finally {
      server.close();
    }
  });
});
