import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readFileSync, readlinkSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePing } from "./parse-ping";
import { PINGER_SCRIPT } from "./pinger-script";
import { requireRoot } from "./testing/lab-session";

/**
 * The host's pinger (PINGER_SCRIPT, run by python3 as root) at the size of a 256-container matrix:
 * one host's 8 sources × 255 targets, here all in one throwaway network namespace on loopback
 * (`unshare -n`; no lab needed, but root). Every request goes out in a burst and every reply comes
 * back at once: the replies must all be counted, within the deadline.
 */

let holder: ChildProcess | undefined;
let pid = 0;

beforeAll(async () => {
  requireRoot("the pinger test");
  holder = spawn("unshare", ["-n", "sh", "-c", "ip link set lo up && exec sleep 120"], { stdio: "ignore" });
  // unshare execs the shell, which execs sleep: the holder's PID is the namespace's process.
  const mine = readlinkSync("/proc/self/ns/net");
  for (let waited = 0; waited < 5000 && !pid; waited += 50) {
    await new Promise((wake) => setTimeout(wake, 50));
    const ns = holder.pid ? readlinkSync(`/proc/${holder.pid}/ns/net`) : mine;
    const lo = holder.pid
      ? spawnSync("nsenter", [`--net=/proc/${holder.pid}/ns/net`, "ip", "-o", "link", "show", "lo"])
      : undefined;
    if (ns !== mine && /UP/.test(lo?.stdout.toString() ?? "")) pid = holder.pid ?? 0;
  }
  if (!pid) throw new Error("the namespace holder did not start");
});

afterAll(() => {
  holder?.kill();
});

describe("the host pinger", () => {
  it("counts every reply of 8 sources × 255 targets × 3 packets sent in one burst (2,040 pairs)", () => {
    // The pinger checks that the PID's cgroup names the container: here, the holder's own cgroup line.
    const cgroup = readFileSync(`/proc/${pid}/cgroup`, "utf8").split("\n")[0] ?? "";
    const targets = Array.from({ length: 255 }, (_, i) => `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`);
    const args = ["3", "0.2", "1"];
    for (let source = 0; source < 8; source++)
      args.push("fast", `c${source}`, String(pid), cgroup, String(source * 255), "255", ...targets);
    const run = spawnSync("python3", ["-c", PINGER_SCRIPT, ...args], { maxBuffer: 1 << 26, timeout: 30_000 });
    expect(run.status, run.stderr.toString()).toBe(0);
    const frames = [...run.stdout.toString().matchAll(/@@cn-b (\d+)\n((?:\d+:.*\n)*)@@cn-e \d+ (\d+)/g)];
    expect(frames).toHaveLength(8 * 255);
    const lost = frames.filter((frame) => {
      const outcome = parsePing((frame[2] ?? "").replace(/^\d+:/gm, ""));
      return outcome.sent !== 3 || outcome.received !== 3;
    });
    expect(lost.map((frame) => frame[2]).slice(0, 3)).toEqual([]);
  });
});
