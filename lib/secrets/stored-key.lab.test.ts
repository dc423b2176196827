import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startApplyRun } from "../app/apply-run";
import { storeHostPrivateKey, testHostConnection } from "../app/host-tools";
import { resolveInventory } from "../app/inventory";
import { startThrowawaySshd, type ThrowawaySshd } from "../exec/testing/throwaway-sshd";
import { parseInventoryText, putInventoryHost, STORED_KEY, serializeInventory } from "../inventory/document";
import { runHub } from "../runs/hub";
import { listAudit } from "../store/audit";
import { createInventory, getInventory, updateInventory } from "../store/inventories";
import { listJournal } from "../store/journal";
import { openStore, type Store } from "../store/open";
import { getRun, listRuns } from "../store/runs";
import { createTopology, getLatestTopologyVersion } from "../store/topologies";
import { checkTopologyText } from "../topology/check";
import { testRsaKey } from "./testing";

/**
 * Requirement 6 end to end, on a real sshd: a private key uploaded as the hosts page does, used by
 * the dashboard's own code paths (connection test, apply run) against a host that refuses it, has a
 * wrong pinned host key, or is not listening. Nothing the dashboard writes, returns, streams or
 * prints may contain the key: not the database files, the audit, the journal, the runs, the run's
 * events, the results, nor stdout/stderr/console.
 */

let sshd: ThrowawaySshd;
let dir: string;
let store: Store;
let inventoryId: string;
let pem = "";
let needles: string[] = [];
const output: string[] = [];
const results: unknown[] = [];

const DESIGN = "name: leak-check\nhosts:\n  node-1: { nics: { eth0: {} } }\nnetworks:\n  net_a: { driver: bridge }\n";

function leaks(text: string): string[] {
  return needles.filter((needle) => text.includes(needle));
}

function setHost(input: { port: number; hostKey: string }): void {
  const record = getInventory(store, inventoryId);
  const parsed = record ? parseInventoryText(record.document) : null;
  if (!parsed?.ok) throw new Error("inventory");
  const edited = putInventoryHost(parsed.inventory, {
    name: "node-1",
    address: "127.0.0.1",
    port: input.port,
    user: "root",
    key: STORED_KEY,
    hostKey: input.hostKey,
  });
  if (!edited.ok) throw new Error(edited.problems.map((p) => p.message).join("; "));
  const updated = updateInventory(store, inventoryId, { document: serializeInventory(edited.inventory) });
  if (!updated.ok) throw new Error(updated.error.message);
}

async function runApply(): Promise<unknown[]> {
  const resolved = resolveInventory(store, inventoryId);
  if (!resolved.ok) throw new Error(resolved.error.message);
  const topology = checkTopologyText(DESIGN).topology;
  const created = createTopology(store, { name: `leak-${Date.now()}`, initial: { document: DESIGN, author: "t" } });
  if (!topology || !created.ok) throw new Error("design");
  const version = getLatestTopologyVersion(store, created.value.id);
  if (!version) throw new Error("version");
  const started = startApplyRun(store, {
    kind: "apply",
    topology,
    version,
    inventory: resolved.value,
    actor: { name: "alice", role: "operator" },
  });
  if (!started.ok) throw new Error(started.error.message);
  const runId = started.value.runId;
  for (let i = 0; i < 200 && getRun(store, runId)?.status === "running"; i++)
    await new Promise((r) => setTimeout(r, 100));
  const subscription = runHub().subscribe(runId, 0, () => {});
  subscription?.unsubscribe();
  return [getRun(store, runId), ...(subscription?.replay ?? []).map((item) => item.event)];
}

beforeAll(async () => {
  sshd = await startThrowawaySshd();
  dir = mkdtempSync(join(tmpdir(), "crossnet-stored-key-"));
  vi.stubEnv("CROSSNET_SECRET_KEY_FILE", join(dir, "secret.key"));
  vi.stubEnv("CROSSNET_SECRET_KEY", "");
  const opened = openStore({ path: join(dir, "crossnet.db") });
  if (!opened.ok) throw new Error(opened.error.message);
  store = opened.value;
  pem = testRsaKey().pem;
  const body = pem.split("\n").filter((line) => line && !line.startsWith("-----"));
  needles = [pem.trim(), ...body.filter((line) => line.length >= 40)];
  expect(needles.length).toBeGreaterThan(5);
  const inventory = createInventory(store, { name: "office", document: "hosts: {}\n" });
  if (!inventory.ok) throw new Error(inventory.error.message);
  inventoryId = inventory.value.id;
  setHost({ port: sshd.port, hostKey: sshd.hostKey });
  const stored = storeHostPrivateKey(store, { inventoryId, host: "node-1", privateKey: pem });
  if (!stored.ok) throw new Error(stored.error.message);
  results.push(stored);
  const capture = (chunk: unknown) => {
    output.push(String(chunk));
    return true;
  };
  for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const)
    vi.spyOn(console, method).mockImplementation(
      (...args: unknown[]) => void output.push(args.map((a) => inspect(a)).join(" ")),
    );
  vi.spyOn(process.stdout, "write").mockImplementation(capture);
  vi.spyOn(process.stderr, "write").mockImplementation(capture);
});

afterAll(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  store?.close();
  await sshd?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("a stored key on SSH failures", () => {
  it("refused by the host: the connection test and an apply fail with a clear error and no key in it", async () => {
    const before = sshd.log().length;
    const resolved = resolveInventory(store, inventoryId);
    if (!resolved.ok) throw new Error(resolved.error.message);
    const check = await testHostConnection(store, {
      inventory: resolved.value,
      host: "node-1",
      actor: { name: "alice", role: "operator" },
    });
    expect(check).toMatchObject({ ok: false, error: { code: "connection-failed" } });
    expect(JSON.stringify(check)).toMatch(/auth|authenticat/i);
    // The key was really offered: sshd saw a public key attempt for root.
    expect(sshd.log().slice(before)).toMatch(/publickey/);
    results.push(check, ...(await runApply()));
  });

  it("a changed host key: stopped before authentication, audited, no key anywhere", async () => {
    setHost({ port: sshd.port, hostKey: "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" });
    const resolved = resolveInventory(store, inventoryId);
    if (!resolved.ok) throw new Error(resolved.error.message);
    const check = await testHostConnection(store, {
      inventory: resolved.value,
      host: "node-1",
      actor: { name: "alice", role: "operator" },
    });
    expect(check).toMatchObject({ ok: false });
    expect(JSON.stringify(check)).toContain("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    results.push(check, ...(await runApply()));
    expect(listAudit(store).some((row) => row.detail?.includes("host key refused before authentication"))).toBe(true);
  });

  it("a host not listening: connection refused, no key anywhere", async () => {
    setHost({ port: 1, hostKey: sshd.hostKey });
    const resolved = resolveInventory(store, inventoryId);
    if (!resolved.ok) throw new Error(resolved.error.message);
    const check = await testHostConnection(store, {
      inventory: resolved.value,
      host: "node-1",
      actor: { name: "alice", role: "operator" },
    });
    expect(JSON.stringify(check)).toMatch(/refused/);
    results.push(check, ...(await runApply()));
  });

  it("leaves the key nowhere: database files, audit, journal, runs, events, results, output", () => {
    const runs = listRuns(store);
    expect(runs.length).toBe(3);
    expect(runs.every((run) => run.status === "failed")).toBe(true);
    const rows = JSON.stringify({
      audit: listAudit(store, { limit: 1000 }),
      journal: runs.map((run) => listJournal(store, run.id)),
      runs,
      inventory: getInventory(store, inventoryId),
    });
    expect(leaks(rows)).toEqual([]);
    expect(leaks(JSON.stringify(results))).toEqual([]);
    expect(leaks(results.map((r) => inspect(r, { depth: 8 })).join("\n"))).toEqual([]);
    expect(leaks(output.join("\n"))).toEqual([]);
    store.sqlite.pragma("wal_checkpoint(TRUNCATE)");
    const der = Buffer.from(needles.slice(1).join(""), "base64");
    for (const file of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, file));
      expect(leaks(bytes.toString("latin1")), file).toEqual([]);
      expect(bytes.includes(der.subarray(0, 64)), `${file} holds the key's DER bytes`).toBe(false);
    }
  });
});
