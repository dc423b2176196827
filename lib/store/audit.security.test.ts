import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../cli/testing/run-cli";
import { createAuditSink, listAudit, verifyAudit } from "./audit";
import { auditHash, findAuditBreak, GENESIS_HASH, keyedAuditHash, type StoredAuditRow } from "./audit-chain";
import { csvField, exportAudit } from "./audit-export";
import { loadAuditKey } from "./audit-key";
import { openStore, type Store } from "./open";

/**
 * Requirement 8's log is evidence: append-only (the database refuses UPDATE and DELETE), hash
 * chained (the real `crossnet audit verify` process exits 1 naming an edited row), exportable with
 * the chain so a copy can be checked away from the database, and safe to open in a spreadsheet.
 */

const FINGERPRINT = "SHA256:q0Kx1dJmY2bYF7r8dE9V1t8T1l4t0s0H2w4m6n8p0rA";
let dir: string;
let store: Store;

/** Runs the real `crossnet audit …` on this test's database (the key is the audit.key beside it). */
const cli = (args: string[]) => runCli(["audit", ...args], { env: { CROSSNET_DB: store.path } });
const verifyCli = () => cli(["verify"]);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "crossnet-audit-sec-"));
  const opened = openStore({ path: join(dir, "crossnet.db") });
  if (!opened.ok) throw new Error(opened.error.message);
  store = opened.value;
  const sink = createAuditSink(store);
  for (let i = 0; i < 5; i++)
    sink.record({
      kind: "command",
      who: "alice",
      host: "node-1",
      hostKeyFingerprint: FINGERPRINT,
      argv: ["docker", "run", "-d", "--name", `bbox-${i}`, "busybox"],
      exitCode: 0,
      durationMs: 120 + i,
      runId: "8a0b8a52-7d5a-4c1f-9c1e-0b5d7c2f4e11",
    });
  sink.record({
    kind: "api",
    who: "alice",
    host: "node-1",
    hostKeyFingerprint: FINGERPRINT,
    method: "GET",
    path: "/v1.41/containers/json?all=true",
    exitCode: 200,
    durationMs: 9,
  });
  expect(sink.failures).toBe(0);
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the audit log", () => {
  it("keeps who, when, host, host key, argv or API call, exit code and duration", () => {
    const [first] = listAudit(store);
    expect(first).toMatchObject({
      seq: 1,
      who: "alice",
      host: "node-1",
      hostKeyFingerprint: FINGERPRINT,
      argv: ["docker", "run", "-d", "--name", "bbox-0", "busybox"],
      exitCode: 0,
      durationMs: 120,
    });
    expect(first?.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(listAudit(store).at(-1)).toMatchObject({ kind: "api", apiMethod: "GET", exitCode: 200 });
  });

  it("is append-only: the database refuses UPDATE and DELETE", () => {
    expect(() => store.sqlite.prepare("UPDATE audit SET exit_code = 1 WHERE seq = 2").run()).toThrow();
    expect(() => store.sqlite.prepare("DELETE FROM audit WHERE seq = 6").run()).toThrow();
    expect(verifyAudit(store)).toMatchObject({ ok: true, count: 6 });
  });

  it("`crossnet audit verify` exits 0 on the intact chain and 1 naming a row edited behind the triggers' back", async () => {
    const intact = await verifyCli();
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/audit: 6 rows, chain intact; head 6:hmac-sha256:[0-9a-f]{64}/);
    store.sqlite.exec("DROP TRIGGER audit_no_update");
    store.sqlite.prepare("UPDATE audit SET argv_json = ? WHERE seq = 3").run('["docker","ps"]');
    const edited = await verifyCli();
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain("chain broken at seq 3 (hash-mismatch)");
  });

  it("exports with the chain, so an edited copy is caught too; CSV cells never start a formula", () => {
    const lines = [...exportAudit(store, "jsonl")].map((line) => JSON.parse(line) as StoredAuditRow);
    expect(lines).toHaveLength(6);
    const key = loadAuditKey(store, { create: false });
    const mac = key.ok ? (key.value?.mac ?? null) : null;
    expect(mac).not.toBeNull();
    expect(findAuditBreak(lines, mac)).toBeNull();
    expect(findAuditBreak(lines)).toMatchObject({ seq: 1, reason: "no-key" });
    const tampered = lines.map((row) => (row.seq === 4 ? { ...row, exitCode: 1 } : row));
    expect(findAuditBreak(tampered, mac)).toMatchObject({ seq: 4, reason: "hash-mismatch" });
    expect(
      findAuditBreak(
        lines.filter((row) => row.seq !== 2),
        mac,
      ),
    ).toMatchObject({ seq: 3, reason: "seq-gap" });
    const csv = [...exportAudit(store, "csv")].join("");
    expect(csv.split("\n")[0]).toMatch(/^seq,at,who,kind,host,host_key_fingerprint,argv/);
    expect(csvField('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvField("-oProxyCommand=x")).toBe('"\'-oProxyCommand=x"');
    expect(csvField("@SUM(1)")).toBe('"\'@SUM(1)"');
  });
});

function rows(): StoredAuditRow[] {
  return store.sqlite
    .prepare(
      "SELECT seq, at, who, kind, host, host_key_fingerprint AS hostKeyFingerprint, argv_json AS argvJson, api_method AS apiMethod, api_path AS apiPath, exit_code AS exitCode, duration_ms AS durationMs, run_id AS runId, detail, prev_hash AS prevHash, hash FROM audit ORDER BY seq",
    )
    .all() as StoredAuditRow[];
}

/** What whoever holds the database file can do: drop the triggers, delete, rewrite and re-chain rows. */
function rewrite(next: StoredAuditRow[], link: (prev: string, row: StoredAuditRow) => string): void {
  store.sqlite.exec(
    "DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete; DELETE FROM audit",
  );
  const insert = store.sqlite.prepare(
    "INSERT INTO audit (seq, at, who, kind, host, host_key_fingerprint, argv_json, api_method, api_path, exit_code, duration_ms, run_id, detail, prev_hash, hash) VALUES (@seq, @at, @who, @kind, @host, @hostKeyFingerprint, @argvJson, @apiMethod, @apiPath, @exitCode, @durationMs, @runId, @detail, @prevHash, @hash)",
  );
  let prev = GENESIS_HASH;
  next.forEach((row, index) => {
    const fields = { ...row, seq: index + 1, prevHash: prev };
    const hash = link(prev, fields);
    insert.run({ ...fields, hash });
    prev = hash;
  });
}

describe("the keyed audit chain (finding 2)", () => {
  beforeEach(() => {
    const sink = createAuditSink(store);
    for (let i = 6; i < 12; i++)
      sink.record({
        kind: "command",
        who: "bob",
        host: "node-2",
        argv: ["ip", "link", `set-${i}`],
        exitCode: 0,
        durationMs: 3,
      });
  });

  it("deleting the last three rows is caught by `verify --head` with the head printed before", async () => {
    const head = await cli(["head"]);
    expect(head.code).toBe(0);
    expect(head.stdout.trim()).toMatch(/^12:hmac-sha256:[0-9a-f]{64}$/);
    store.sqlite.exec("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq > 9");
    const cut = await cli(["verify", "--head", head.stdout.trim()]);
    expect(cut.code).toBe(1);
    expect(cut.stdout).toContain("(head-missing)");
    expect(cut.stdout).toContain("rows were cut from the end");
  });

  it("rewriting row 8 as the CEO running `true` and deleting row 9, re-chained with the project's own code but another key, is caught", async () => {
    const forged = rows()
      .filter((row) => row.seq !== 9)
      .map((row) => (row.seq === 8 ? { ...row, who: "ceo", argvJson: '["true"]' } : row));
    const attackerKey = (data: string) => createHmac("sha256", "guessed key").update(data).digest("hex");
    rewrite(forged, (prev, row) => keyedAuditHash(attackerKey, prev, row));
    const verdict = await cli(["verify"]);
    expect(verdict.code).toBe(1);
    expect(verdict.stdout).toContain("chain broken at seq 1 (hash-mismatch)");
  });

  it("re-chaining the whole log in the old unkeyed form (plain SHA-256) is caught: a key exists", async () => {
    const forged = rows()
      .filter((row) => row.seq !== 9)
      .map((row) => (row.seq === 8 ? { ...row, who: "ceo", argvJson: '["true"]' } : row));
    rewrite(forged, (prev, row) => auditHash(prev, row));
    const verdict = await cli(["verify"]);
    expect(verdict.code).toBe(1);
    expect(verdict.stdout).toContain("(unsealed)");
  });

  it("cutting only the last row passes a plain verify, and not `verify --head` with the head kept before", async () => {
    const head = (await cli(["head"])).stdout.trim();
    expect((await cli(["verify", "--head", head])).code).toBe(0);
    expect((await cli(["verify", "--head", "12:0000"])).code).not.toBe(0);
    const all = rows();
    rewrite(all.slice(0, 11), (_prev, row) => all[row.seq - 1]?.hash ?? "");
    expect((await cli(["verify"])).code).toBe(0);
    expect((await cli(["verify", "--head", head])).stdout).toContain("(head-missing)");
  });
});

describe("an old, unkeyed log (before finding 2's fix)", () => {
  it("is sealed by the first keyed write and then verifies; editing an old row afterwards is caught", () => {
    const legacyDir = mkdtempSync(join(tmpdir(), "crossnet-audit-legacy-"));
    try {
      const opened = openStore({ path: join(legacyDir, "crossnet.db") });
      if (!opened.ok) throw new Error(opened.error.message);
      const old = opened.value;
      const insert = old.sqlite.prepare(
        "INSERT INTO audit (seq, at, who, kind, host, argv_json, exit_code, duration_ms, prev_hash, hash) VALUES (@seq, @at, @who, 'command', 'node-1', @argvJson, 0, 5, @prevHash, @hash)",
      );
      let prev = GENESIS_HASH;
      for (let seq = 1; seq <= 4; seq++) {
        const row = {
          seq,
          at: `2025-01-0${seq}T00:00:00.000Z`,
          who: "alice",
          kind: "command" as const,
          host: "node-1",
          hostKeyFingerprint: null,
          argvJson: `["ip","addr","${seq}"]`,
          apiMethod: null,
          apiPath: null,
          exitCode: 0,
          durationMs: 5,
          runId: null,
          detail: null,
        };
        const hash = auditHash(prev, row);
        insert.run({ ...row, prevHash: prev, hash });
        prev = hash;
      }
      expect(verifyAudit(old)).toMatchObject({ ok: true, count: 4, legacyRows: 4 });
      createAuditSink(old).record({ kind: "event", who: "alice", detail: "first keyed row" });
      expect(listAudit(old).at(4)).toMatchObject({
        seq: 5,
        who: "crossnet",
        detail: expect.stringContaining("rows 1-4"),
      });
      expect(verifyAudit(old)).toMatchObject({ ok: true, count: 6, legacyRows: 4 });
      old.sqlite.exec("DROP TRIGGER audit_no_update");
      old.sqlite.prepare(`UPDATE audit SET who = 'ceo' WHERE seq = 2`).run();
      expect(verifyAudit(old)).toMatchObject({ ok: false, seq: 2, reason: "hash-mismatch" });
      old.close();
    } finally {
      rmSync(legacyDir, { recursive: true, force: true });
    }
  });
});
