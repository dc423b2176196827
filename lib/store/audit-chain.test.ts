import { expect, test } from "vitest";
import {
  type AuditHashedFields,
  auditHash,
  canonicalAuditRow,
  findAuditBreak,
  GENESIS_HASH,
  type StoredAuditRow,
} from "./audit-chain";

const ROW: AuditHashedFields = {
  seq: 1,
  at: "2025-01-01T00:00:00.000Z",
  who: "alice",
  kind: "command",
  host: "node-1",
  hostKeyFingerprint: "SHA256:abc",
  argvJson: '["ip","link"]',
  apiMethod: null,
  apiPath: null,
  exitCode: 0,
  durationMs: 12,
  runId: null,
  detail: null,
};

function chain(rows: AuditHashedFields[]): StoredAuditRow[] {
  let prev = GENESIS_HASH;
  return rows.map((row) => {
    const hash = auditHash(prev, row);
    const stored = { ...row, prevHash: prev, hash };
    prev = hash;
    return stored;
  });
}

test("the canonical form is a fixed-order JSON array, whatever the key order of the input", () => {
  const reordered = Object.fromEntries(Object.entries(ROW).reverse()) as AuditHashedFields;
  expect(canonicalAuditRow(reordered)).toBe(canonicalAuditRow(ROW));
  expect(canonicalAuditRow(ROW)).toMatchInlineSnapshot(
    `"["crossnet-audit-v1",1,"2025-01-01T00:00:00.000Z","alice","command","node-1","SHA256:abc","[\\"ip\\",\\"link\\"]",null,null,0,12,null,null]"`,
  );
});

test("the hash depends on the previous hash and on every field", () => {
  const base = auditHash(GENESIS_HASH, ROW);
  expect(base).toMatch(/^[0-9a-f]{64}$/);
  expect(auditHash("1".repeat(64), ROW)).not.toBe(base);
  expect(auditHash(GENESIS_HASH, { ...ROW, exitCode: 1 })).not.toBe(base);
  expect(auditHash(GENESIS_HASH, { ...ROW, host: null })).not.toBe(base);
});

test("an intact chain has no break; an empty one neither", () => {
  expect(findAuditBreak(chain([ROW, { ...ROW, seq: 2 }, { ...ROW, seq: 3 }]))).toBeNull();
  expect(findAuditBreak([])).toBeNull();
});

test("an edited row, a relinked row and a removed row are each named by seq", () => {
  const rows = chain([ROW, { ...ROW, seq: 2 }, { ...ROW, seq: 3 }]);
  const edited = rows.map((row) => (row.seq === 2 ? { ...row, exitCode: 0, who: "mallory" } : row));
  expect(findAuditBreak(edited)).toMatchObject({ seq: 2, reason: "hash-mismatch" });

  const rehashed = rows.map((row) =>
    row.seq === 2 ? { ...row, who: "mallory", hash: auditHash(row.prevHash, { ...row, who: "mallory" }) } : row,
  );
  expect(findAuditBreak(rehashed)).toMatchObject({ seq: 3, reason: "prev-mismatch" });

  expect(findAuditBreak(rows.filter((row) => row.seq !== 2))).toMatchObject({ seq: 3, reason: "seq-gap" });
  expect(findAuditBreak(rows.slice(1))).toMatchObject({ seq: 2, reason: "seq-gap" });
});
