import { describe, expect, it } from "vitest";
import { listensOn, oneAtATime, SERF_PORT } from "./serf-gossip";

const HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

describe("serf's gossip listener, read from /proc/PID/net/tcp", () => {
  it("is found when a socket listens on 7946 (state 0A), on any address", () => {
    const table = [
      HEADER,
      "   0: 0B00A8C0:1F0A 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0 100 0 0 10 0",
    ].join("\n");
    expect(listensOn(table, SERF_PORT)).toBe(true);
  });

  it("is not found for a connection to or from 7946, nor for another port's listener", () => {
    const table = [
      HEADER,
      "   0: 0B00A8C0:C350 0C00A8C0:1F0A 01 00000000:00000000 00:00000000 00000000     0        0 1 1 0 20 4 30 10 -1",
      "   1: 0B00A8C0:1F0A 0C00A8C0:C351 06 00000000:00000000 03:0000057C 00000000     0        0 0 3 0",
      "   2: 00000000:0948 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 7 1 0 100 0 0 10 0",
    ].join("\n");
    expect(listensOn(table, SERF_PORT)).toBe(false);
  });

  it("is not found in an empty table (only the header)", () => {
    expect(listensOn(`${HEADER}\n`, SERF_PORT)).toBe(false);
  });
});

describe("the one-at-a-time start of a KV overlay's dockerds", () => {
  it("starts a task only after the one before has finished, in the order handed in", async () => {
    const turn = oneAtATime();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([turn(task("a", 30)), turn(task("b", 1)), turn(task("c", 10))]);
    expect(results).toEqual(["a", "b", "c"]);
    expect(log).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
  });

  it("goes on with the next task after one fails, and hands the failure to its caller", async () => {
    const turn = oneAtATime();
    const failed = turn(async () => {
      throw new Error("dockerd exited");
    });
    const next = turn(async () => "started");
    await expect(failed).rejects.toThrow("dockerd exited");
    await expect(next).resolves.toBe("started");
  });
});
