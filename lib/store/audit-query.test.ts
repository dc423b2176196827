import { expect, test } from "vitest";
import { appendAudit } from "./audit";
import { auditHostValues, auditWhoValues, queryAudit } from "./audit-query";
import { openTestStore } from "./testing";

/** 30 rows: alice on node-1 (commands, one failing), bob on node-2 (API calls, one 404), events. */
function seeded() {
  const store = openTestStore();
  for (let index = 0; index < 10; index++) {
    appendAudit(store, {
      kind: "command",
      who: "alice",
      host: "node-1",
      argv: ["ip", "link", "add", `vlan${index}`, "type", "vlan"],
      exitCode: index === 7 ? 2 : 0,
      durationMs: 5,
      runId: "11111111-1111-4111-8111-111111111111",
    });
    store.clock.advance(60_000);
    appendAudit(store, {
      kind: "api",
      who: "bob",
      host: "node-2",
      method: "POST",
      path: `/networks/net_${index}%/connect`,
      exitCode: index === 3 ? 404 : 200,
      durationMs: 9,
    });
    store.clock.advance(60_000);
    appendAudit(store, { kind: "event", who: "carol", detail: `lab up: step ${index}` });
    store.clock.advance(60_000);
  }
  return store;
}

test("pages run newest first, and the cursors walk older and back newer without gaps or repeats", () => {
  const store = seeded();
  const first = queryAudit(store, {}, {}, 12);
  expect(first.rows.map((row) => row.seq)).toEqual([30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19]);
  expect(first.newer).toBeNull();
  expect(first.older).toBe(19);
  const second = queryAudit(store, {}, { before: first.older ?? 0 }, 12);
  expect(second.rows.map((row) => row.seq)).toEqual([18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7]);
  const third = queryAudit(store, {}, { before: second.older ?? 0 }, 12);
  expect(third.rows.map((row) => row.seq)).toEqual([6, 5, 4, 3, 2, 1]);
  expect(third.older).toBeNull();
  expect(third.newer).toBe(6);
  const back = queryAudit(store, {}, { after: third.newer ?? 0 }, 12);
  expect(back.rows.map((row) => row.seq)).toEqual(second.rows.map((row) => row.seq));
  expect(back.older).toBe(7);
  expect(back.newer).toBe(18);
});

test("who, host and run filters select exact matches in the database", () => {
  const store = seeded();
  const bob = queryAudit(store, { who: "bob" }, {}, 100).rows;
  expect(bob).toHaveLength(10);
  expect(bob.every((row) => row.who === "bob" && row.host === "node-2")).toBe(true);
  expect(queryAudit(store, { host: "node-1" }, {}, 100).rows.every((row) => row.who === "alice")).toBe(true);
  expect(queryAudit(store, { runId: "11111111-1111-4111-8111-111111111111" }, {}, 100).rows).toHaveLength(10);
  expect(queryAudit(store, { who: "bo" }, {}, 100).rows).toEqual([]);
});

test("free text matches argv, API paths and details case-insensitively, with % and _ taken literally", () => {
  const store = seeded();
  expect(queryAudit(store, { text: "VLAN7" }, {}, 100).rows.map((row) => row.argv?.[3])).toEqual(["vlan7"]);
  expect(queryAudit(store, { text: "net_4%" }, {}, 100).rows.map((row) => row.apiPath)).toEqual([
    "/networks/net_4%/connect",
  ]);
  expect(queryAudit(store, { text: "step 9" }, {}, 100).rows.map((row) => row.detail)).toEqual(["lab up: step 9"]);
  expect(queryAudit(store, { text: "_" }, {}, 100).rows.every((row) => row.kind === "api")).toBe(true);
  expect(queryAudit(store, { text: "%" }, {}, 100).rows).toHaveLength(10);
});

test("a time range keeps the rows between its bounds, both inclusive", () => {
  const store = seeded();
  const rows = queryAudit(store, { from: "2025-01-01T00:03:00.000Z", to: "2025-01-01T00:05:00.000Z" }, {}, 100).rows;
  expect(rows.map((row) => row.at)).toEqual([
    "2025-01-01T00:05:00.000Z",
    "2025-01-01T00:04:00.000Z",
    "2025-01-01T00:03:00.000Z",
  ]);
});

test("failed only keeps non-zero exits and HTTP 4xx/5xx, never HTTP 200", () => {
  const store = seeded();
  const failed = queryAudit(store, { failedOnly: true }, {}, 100).rows;
  expect(failed.map((row) => [row.kind, row.exitCode])).toEqual([
    ["command", 2],
    ["api", 404],
  ]);
});

test("filters combine with paging: the next page holds the next matching rows", () => {
  const store = seeded();
  const page = queryAudit(store, { who: "alice" }, {}, 4);
  expect(page.rows.map((row) => row.argv?.[3])).toEqual(["vlan9", "vlan8", "vlan7", "vlan6"]);
  const next = queryAudit(store, { who: "alice" }, { before: page.older ?? 0 }, 4);
  expect(next.rows.map((row) => row.argv?.[3])).toEqual(["vlan5", "vlan4", "vlan3", "vlan2"]);
});

test("an empty page after the oldest row points back to the rows it came from", () => {
  const store = seeded();
  const empty = queryAudit(store, {}, { before: 1 }, 10);
  expect(empty.rows).toEqual([]);
  expect(empty.older).toBeNull();
  expect(empty.newer).toBe(0);
  expect(queryAudit(store, {}, { after: empty.newer ?? 0 }, 10).rows.at(0)?.seq).toBe(10);
});

test("the who and host choices list each value once, sorted", () => {
  const store = seeded();
  expect(auditWhoValues(store)).toEqual(["alice", "bob", "carol"]);
  expect(auditHostValues(store)).toEqual(["node-1", "node-2"]);
});
