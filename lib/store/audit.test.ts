import { expect, expectTypeOf, test, vi } from "vitest";
import type { Audit } from "../exec/audit";
import { appendAudit, createAuditSink, listAudit, verifyAudit } from "./audit";
import { GENESIS_HASH } from "./audit-chain";
import { openTestStore } from "./testing";

function seeded() {
  const store = openTestStore();
  appendAudit(store, {
    kind: "command",
    who: "alice",
    host: "node-1",
    hostKeyFingerprint: "SHA256:abc",
    argv: ["ip", "link", "set", "ens33", "promisc", "on"],
    exitCode: 0,
    durationMs: 15,
    runId: "run-1",
  });
  store.clock.advance(10);
  appendAudit(store, {
    kind: "api",
    who: "alice",
    host: "node-1",
    method: "POST",
    path: "/networks/create",
    exitCode: 201,
    durationMs: 30,
  });
  store.clock.advance(10);
  appendAudit(store, {
    kind: "event",
    who: "alice",
    host: "node-2",
    hostKeyFingerprint: "SHA256:new",
    detail: "host key changed; refused",
  });
  return store;
}

test("rows are chained from the genesis hash and listed in order", () => {
  const store = seeded();
  const rows = listAudit(store);
  expect(rows.map((row) => [row.seq, row.kind])).toEqual([
    [1, "command"],
    [2, "api"],
    [3, "event"],
  ]);
  expect(rows[0]).toMatchObject({
    at: "2025-01-01T00:00:00.000Z",
    who: "alice",
    host: "node-1",
    hostKeyFingerprint: "SHA256:abc",
    argv: ["ip", "link", "set", "ens33", "promisc", "on"],
    apiMethod: null,
    exitCode: 0,
    durationMs: 15,
    runId: "run-1",
    prevHash: GENESIS_HASH,
  });
  expect(rows[1]).toMatchObject({
    argv: null,
    apiMethod: "POST",
    apiPath: "/networks/create",
    exitCode: 201,
    prevHash: rows[0]?.hash,
  });
  expect(rows[2]).toMatchObject({
    exitCode: null,
    durationMs: null,
    detail: "host key changed; refused",
    prevHash: rows[1]?.hash,
  });
});

test("listAudit pages and filters", () => {
  const store = seeded();
  expect(listAudit(store, { afterSeq: 1, limit: 1 }).map((row) => row.seq)).toEqual([2]);
  expect(listAudit(store, { host: "node-2" }).map((row) => row.seq)).toEqual([3]);
  expect(listAudit(store, { runId: "run-1" }).map((row) => row.seq)).toEqual([1]);
});

test("verifyAudit accepts an intact chain and reports its head", () => {
  const store = seeded();
  const last = listAudit(store).at(-1);
  expect(verifyAudit(store)).toEqual({ ok: true, count: 3, head: { seq: 3, hash: last?.hash }, legacyRows: 0 });
  expect(verifyAudit(openTestStore())).toEqual({ ok: true, count: 0, head: null, legacyRows: 0 });
});

test("verifyAudit names the seq of a row edited behind the triggers' back", () => {
  const store = seeded();
  store.sqlite.exec("DROP TRIGGER audit_no_update");
  store.sqlite.prepare("UPDATE audit SET exit_code = 0 WHERE seq = 2").run();
  expect(verifyAudit(store)).toMatchObject({ ok: false, seq: 2, reason: "hash-mismatch" });
});

test("verifyAudit names the row after one deleted in the middle", () => {
  const store = seeded();
  store.sqlite.exec("DROP TRIGGER audit_no_delete");
  store.sqlite.prepare("DELETE FROM audit WHERE seq = 2").run();
  expect(verifyAudit(store)).toMatchObject({ ok: false, seq: 3, reason: "seq-gap" });
});

test("verifyAudit walks past one page of rows", () => {
  const store = openTestStore();
  for (let i = 0; i < 1005; i += 1) appendAudit(store, { kind: "event", who: "t", detail: `e${i}` });
  expect(verifyAudit(store)).toMatchObject({ ok: true, count: 1005, head: { seq: 1005 } });
});

test("argv, API path and detail are redacted before they are written", () => {
  const store = openTestStore();
  appendAudit(
    store,
    {
      kind: "command",
      who: "alice",
      host: "node-2",
      argv: ["docker", "swarm", "join", "--token", "SWMTKN-1-aaaa-bbbb", "10.0.0.1:2377"],
      exitCode: 0,
      durationMs: 1,
      detail: "used password=hunter2hunter2",
    },
    { known: ["s3cret-value"] },
  );
  appendAudit(store, {
    kind: "api",
    who: "a",
    method: "GET",
    path: "/x?token=abcdef&y=1",
    exitCode: 200,
    durationMs: 1,
  });
  appendAudit(store, { kind: "event", who: "a", detail: "echo s3cret-value" }, { known: ["s3cret-value"] });
  const raw = JSON.stringify(store.sqlite.prepare("SELECT * FROM audit").all());
  expect(raw).not.toMatch(/aaaa-bbbb|hunter2|abcdef|s3cret-value/);
  expect(listAudit(store)[0]?.argv).toEqual(["docker", "swarm", "join", "--token", "[REDACTED]", "10.0.0.1:2377"]);
  expect(verifyAudit(store).ok).toBe(true);
});

test("the audit sink fits lib/exec's Audit interface and reports storage failures without throwing", () => {
  const store = openTestStore();
  const onError = vi.fn();
  const sink = createAuditSink(store, { onError });
  expectTypeOf(sink).toMatchTypeOf<Audit>();
  sink.record({ kind: "event", who: "a", detail: "ok" });
  expect(listAudit(store)).toHaveLength(1);
  store.close();
  expect(() => sink.record({ kind: "event", who: "a", detail: "lost" })).not.toThrow();
  expect(sink.failures).toBe(1);
  expect(onError).toHaveBeenCalledTimes(1);
});
