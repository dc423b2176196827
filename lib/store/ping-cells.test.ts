import { expect, test } from "vitest";
import { insertPingCells, listPingCells, PING_RAW_MAX_CHARS, type PingCellInput } from "./ping-cells";
import { startRun } from "./runs";
import { openTestStore } from "./testing";

const CELL: PingCellInput = {
  from: "bbox-11",
  to: "bbox-21",
  by: "ip",
  target: "172.16.11.12",
  expected: "reach",
  actual: "reach",
  sent: 3,
  received: 3,
  lossPct: 0,
  rttMinMs: 0.05,
  rttAvgMs: 0.07,
  rttMaxMs: 0.1,
  verdict: "pass",
  diagnosis: null,
  error: null,
  rawOutput: "3 packets transmitted, 3 packets received",
};

test("insertPingCells stores a matrix and listPingCells returns it in order", () => {
  const store = openTestStore();
  const run = startRun(store, { kind: "ping", who: "a" });
  if (!run.ok) throw new Error("start failed");
  const blocked: PingCellInput = {
    ...CELL,
    to: "bbox-22",
    by: "name",
    target: "bbox-22",
    actual: "error",
    sent: 0,
    received: 0,
    lossPct: 100,
    rttMinMs: null,
    rttAvgMs: null,
    rttMaxMs: null,
    verdict: "fail",
    diagnosis: "no DNS across hosts on macvlan",
    error: "ping: bad address 'bbox-22'",
  };
  expect(insertPingCells(store, run.value.id, [CELL, blocked])).toEqual({ ok: true, value: { inserted: 2 } });
  const defaults = {
    network: null,
    command: "",
    attempts: 1,
    port: null,
    mtuExpected: null,
    mtuPath: null,
    mtuInterface: null,
  };
  expect(listPingCells(store, run.value.id)).toEqual([
    { ...CELL, ...defaults, id: expect.any(Number), runId: run.value.id },
    { ...blocked, ...defaults, id: expect.any(Number), runId: run.value.id },
  ]);
});

test("tcp and mtu cells keep their port and their path MTU", () => {
  const store = openTestStore();
  const run = startRun(store, { kind: "ping", who: "a" });
  if (!run.ok) throw new Error("start failed");
  insertPingCells(store, run.value.id, [
    { ...CELL, by: "tcp", target: "192.168.0.101:8080", port: 8080 },
    { ...CELL, by: "mtu", mtuExpected: 1450, mtuPath: 1400, mtuInterface: 1500 },
  ]);
  expect(
    listPingCells(store, run.value.id).map(({ by, port, mtuExpected, mtuPath, mtuInterface }) => ({
      by,
      port,
      mtuExpected,
      mtuPath,
      mtuInterface,
    })),
  ).toEqual([
    { by: "tcp", port: 8080, mtuExpected: null, mtuPath: null, mtuInterface: null },
    { by: "mtu", port: null, mtuExpected: 1450, mtuPath: 1400, mtuInterface: 1500 },
  ]);
  expect(() => insertPingCells(store, run.value.id, [{ ...CELL, by: "tcp", port: 70000 }])).toThrow(/CHECK/);
});

test("a cell keeps its network, the exact command that ran and its attempts", () => {
  const store = openTestStore();
  const run = startRun(store, { kind: "ping", who: "a" });
  if (!run.ok) throw new Error("start failed");
  const command = "nsenter --net=/proc/4242/ns/net -- ping -4 -n -q -c 3 -i 0.2 -W 1 -w 1 -- 172.16.11.12";
  insertPingCells(store, run.value.id, [{ ...CELL, network: "mac_net11", command, attempts: 2 }]);
  expect(listPingCells(store, run.value.id)[0]).toMatchObject({ network: "mac_net11", command, attempts: 2 });
});

test("cells for an unknown run insert nothing", () => {
  const store = openTestStore();
  expect(insertPingCells(store, "nope", [CELL])).toMatchObject({ ok: false, error: { code: "unknown-run" } });
});

test("an invalid cell rolls back the whole batch", () => {
  const store = openTestStore();
  const run = startRun(store, { kind: "ping", who: "a" });
  if (!run.ok) throw new Error("start failed");
  expect(() => insertPingCells(store, run.value.id, [CELL, { ...CELL, lossPct: 150 }])).toThrow(/CHECK/);
  expect(listPingCells(store, run.value.id)).toEqual([]);
});

test("raw output and errors are redacted and bounded", () => {
  const store = openTestStore();
  const run = startRun(store, { kind: "ping", who: "a" });
  if (!run.ok) throw new Error("start failed");
  insertPingCells(store, run.value.id, [
    {
      ...CELL,
      rawOutput: `token=abcdefgh ${"y".repeat(PING_RAW_MAX_CHARS)}`,
      error: "Authorization: Bearer abcdefghijklmnop",
    },
  ]);
  const [cell] = listPingCells(store, run.value.id);
  expect(cell?.rawOutput.startsWith("token=[REDACTED]")).toBe(true);
  expect(cell?.rawOutput.length).toBeLessThanOrEqual(PING_RAW_MAX_CHARS);
  expect(cell?.error).toBe("Authorization: Bearer [REDACTED]");
});
