import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAuditSink, listAudit, verifyAudit } from "./audit";
import { findAuditBreak, type StoredAuditRow } from "./audit-chain";
import { csvField, exportAudit } from "./audit-export";
import { openStore, type Store } from "./open";

/**
 * Requirement 8's log is evidence: append-only (the database refuses UPDATE and DELETE), hash
 * chained (the real `crossnet audit verify` process exits 1 naming an edited row), exportable with
 * the chain so a copy can be checked away from the database, and safe to open in a spreadsheet.
 */

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "..", "..");
const FINGERPRINT = "SHA256:q0Kx1dJmY2bYF7r8dE9V1t8T1l4t0s0H2w4m6n8p0rA";
let dir: string;
let store: Store;

async function verifyCli(): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, [join(ROOT, "bin", "crossnet.js"), "audit", "verify"], {
      cwd: ROOT,
      env: { ...process.env, CROSSNET_DB: store.path, NO_COLOR: "1" },
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "" };
  }
}

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
    expect(intact.stdout).toMatch(/audit: 6 rows, chain intact; head seq 6 [0-9a-f]{64}/);
    store.sqlite.exec("DROP TRIGGER audit_no_update");
    store.sqlite.prepare("UPDATE audit SET argv_json = ? WHERE seq = 3").run('["docker","ps"]');
    const edited = await verifyCli();
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain("chain broken at seq 3 (hash-mismatch)");
  });

  it("exports with the chain, so an edited copy is caught too; CSV cells never start a formula", () => {
    const lines = [...exportAudit(store, "jsonl")].map((line) => JSON.parse(line) as StoredAuditRow);
    expect(lines).toHaveLength(6);
    expect(findAuditBreak(lines)).toBeNull();
    const tampered = lines.map((row) => (row.seq === 4 ? { ...row, exitCode: 1 } : row));
    expect(findAuditBreak(tampered)).toMatchObject({ seq: 4, reason: "hash-mismatch" });
    expect(findAuditBreak(lines.filter((row) => row.seq !== 2))).toMatchObject({ seq: 3, reason: "seq-gap" });
    const csv = [...exportAudit(store, "csv")].join("");
    expect(csv.split("\n")[0]).toMatch(/^seq,at,who,kind,host,host_key_fingerprint,argv/);
    expect(csvField('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvField("-oProxyCommand=x")).toBe('"\'-oProxyCommand=x"');
    expect(csvField("@SUM(1)")).toBe('"\'@SUM(1)"');
  });
});
