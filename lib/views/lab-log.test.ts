import { expect, it } from "vitest";
import { plain } from "../i18n/text";
import { EMPTY_LAB_LOG, finishLabLog, reduceLabLog } from "./lab-log";

it("a bring-up shows each host's steps with durations, then the inventory", () => {
  let log = reduceLabLog(EMPTY_LAB_LOG, { type: "lab-started", lab: "macvlan", hosts: ["node-1", "node-2"] });
  log = reduceLabLog(log, { type: "step", host: "node-1", step: "dockerd", durationMs: 300 });
  log = reduceLabLog(log, { type: "host-done", host: "node-1", durationMs: 700 });
  log = reduceLabLog(log, { type: "done", durationMs: 900, inventoryPath: "/x/inventory.yaml" });
  expect(log.lab).toBe("macvlan");
  expect(log.hosts).toEqual(["node-1", "node-2"]);
  expect(log.lines.map((line) => [line.host, line.text.en, line.durationMs])).toEqual([
    [null, "building lab 'macvlan': node-1, node-2", null],
    ["node-1", "dockerd", 300],
    ["node-1", "ready", 700],
    [null, "inventory written to /x/inventory.yaml", 900],
  ]);
  expect(new Set(log.lines.map((line) => line.key)).size).toBe(4);
});

it("teardown steps that removed nothing are left out; the result is kept", () => {
  let log = reduceLabLog(EMPTY_LAB_LOG, { type: "down-step", step: "containers", durationMs: 10, removed: 0 });
  log = reduceLabLog(log, { type: "down-step", step: "namespaces", durationMs: 20, removed: 3 });
  expect(log.lines.map((line) => line.text.en)).toEqual(["namespaces: 3 removed"]);
  const done = finishLabLog(log, { action: "down", ok: true, message: plain("lab down"), inventoryId: null });
  expect(done.result?.message.en).toBe("lab down");
});
