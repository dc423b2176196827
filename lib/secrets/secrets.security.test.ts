import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { completeSetup, ensureSetupToken } from "../auth/bootstrap";
import { login } from "../auth/login";
import { getSession } from "../auth/sessions";
import { createUser, getUserByName, listUsers } from "../auth/users";
import { appendAudit, createAuditSink, listAudit } from "../store/audit";
import { createInventory, getInventory, listInventories } from "../store/inventories";
import { createJournalSink, listJournal } from "../store/journal";
import { openStore, type Store } from "../store/open";
import { insertPingCells, listPingCells } from "../store/ping-cells";
import { finishRun, getRun, listRuns, startRun } from "../store/runs";
import { loadSecretKey, SecretKey } from "../store/secret-key";
import { createTestClock } from "../store/testing";
import { listTopologies } from "../store/topologies";
import { testRsaKey } from "./testing";
import { openSecretForTransport, toSsh2Auth } from "./transport";
import { getSecretInfo, listSecrets, putSecret } from "./vault";

/**
 * Requirement 6: secrets are encrypted at rest, never returned to the browser, never logged, also on
 * error paths. Every secret below carries a unique marker; the tests look for the markers (and for
 * the private key's body) in everything Crossnet writes, throws, logs or returns.
 */

const ROOT = join(import.meta.dirname, "..", "..");
const FAST = { scrypt: { log2N: 10, r: 8, p: 1 } };
const PASSWORD = "MARKER-ssh-password-7f3a9c";
const USER_PASSWORD = "MARKER-user-password-51d2";
const SWARM = "SWMTKN-1-MARKERswarmcluster0123456789abcdef-MARKERswarmsecret987";
let PRIVATE_KEY = "";
let KEY_BODY = "";

function leaks(text: string): string[] {
  const needles = [PASSWORD, USER_PASSWORD, "MARKERswarmsecret987", KEY_BODY, "scrypt$"];
  return needles.filter((needle) => needle && text.includes(needle));
}

let dir: string;
let store: Store;
let key: SecretKey;
let inventoryId: string;
let output: string[];

beforeAll(() => {
  PRIVATE_KEY = testRsaKey().pem;
  KEY_BODY = PRIVATE_KEY.split("\n")[5] ?? "";
  expect(KEY_BODY.length).toBeGreaterThan(40);
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "crossnet-sec-"));
  const opened = openStore({ path: join(dir, "crossnet.db"), now: createTestClock().now });
  if (!opened.ok) throw new Error(opened.error.message);
  store = opened.value;
  key = new SecretKey(randomBytes(32));
  const inventory = createInventory(store, { name: "lab", document: "hosts: {}\n" });
  if (!inventory.ok) throw new Error(inventory.error.message);
  inventoryId = inventory.value.id;
  output = [];
  const capture = (chunk: unknown) => {
    output.push(String(chunk));
    return true;
  };
  for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const) {
    vi.spyOn(console, method).mockImplementation(
      (...args: unknown[]) => void output.push(args.map((a) => inspect(a)).join(" ")),
    );
  }
  vi.spyOn(process.stdout, "write").mockImplementation(capture);
  vi.spyOn(process.stderr, "write").mockImplementation(capture);
});

afterEach(() => {
  vi.restoreAllMocks();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

afterAll(() => {
  vi.restoreAllMocks();
});

/** Runs `fn`, returning its result or the error it threw, so both can be searched for leaks. */
async function outcome(fn: () => unknown): Promise<unknown> {
  try {
    return await fn();
  } catch (error) {
    return error;
  }
}

function describeOutcome(value: unknown): string {
  if (value instanceof Error) return `${value.message}\n${value.stack}\n${inspect(value, { depth: 6 })}`;
  return `${JSON.stringify(value)}\n${inspect(value, { depth: 6 })}`;
}

/** Simulates a run that used every secret: stored credentials, an audited join, journaled output, ping cells. */
async function exerciseEverything(): Promise<void> {
  putSecret(store, key, { inventoryId, host: "node-1", kind: "private-key", plaintext: PRIVATE_KEY });
  putSecret(store, key, { inventoryId, host: "node-2", kind: "password", plaintext: PASSWORD });
  const run = startRun(store, {
    kind: "apply",
    who: "alice",
    inventoryId,
    settings: { password: PASSWORD, note: SWARM },
  });
  if (!run.ok) throw new Error(run.error.message);
  const audit = createAuditSink(store, { known: [PASSWORD] });
  const journal = createJournalSink(store, run.value.id, { known: [PASSWORD] });
  const step = {
    id: "s1",
    host: "node-2",
    kind: "swarm-join",
    resourceId: "swarm@node-2",
    argv: ["docker", "swarm", "join", "--token", SWARM, "10.0.0.1:2377"],
  };
  journal.before(step);
  audit.record({
    kind: "command",
    who: "alice",
    host: "node-2",
    argv: step.argv,
    exitCode: 1,
    durationMs: 3,
    detail: `stdin was ${PASSWORD}`,
  });
  audit.record({ kind: "event", who: "alice", host: "node-1", detail: `key was\n${PRIVATE_KEY}` });
  audit.record({
    kind: "api",
    who: "alice",
    host: "node-1",
    method: "POST",
    path: `/swarm/join?token=${SWARM}`,
    exitCode: 500,
    durationMs: 1,
  });
  journal.after(step, {
    state: "failed",
    exitCode: 1,
    stdout: `token: ${SWARM}\n${PRIVATE_KEY}`,
    stderr: `sudo: ${PASSWORD}`,
  });
  insertPingCells(store, run.value.id, [
    {
      from: "a",
      to: "b",
      by: "ip",
      target: "10.0.0.2",
      expected: "reach",
      actual: "error",
      sent: 0,
      received: 0,
      lossPct: 100,
      rttMinMs: null,
      rttAvgMs: null,
      rttMaxMs: null,
      verdict: "error",
      diagnosis: `saw ${SWARM}`,
      error: `password=${PASSWORD}`,
      rawOutput: PRIVATE_KEY,
    },
  ]);
  finishRun(store, run.value.id, { status: "failed", summary: { error: `join failed with ${SWARM}`, token: SWARM } });
  const setup = ensureSetupToken(store);
  if (setup.status !== "setup-required") throw new Error("expected setup");
  await completeSetup(store, { token: setup.token, username: "alice", password: USER_PASSWORD }, FAST);
  await login(store, { username: "alice", password: USER_PASSWORD, ip: "127.0.0.1" }, FAST);
  await login(store, { username: "alice", password: `${USER_PASSWORD}-wrong`, ip: "127.0.0.1" }, FAST);
}

describe("at rest", () => {
  test("no plaintext secret is anywhere in the database file or its WAL", async () => {
    await exerciseEverything();
    store.sqlite.pragma("wal_checkpoint(PASSIVE)");
    for (const name of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, name)).toString("latin1");
      expect({ file: name, leaks: leaks(bytes).filter((leak) => leak !== "scrypt$") }).toEqual({
        file: name,
        leaks: [],
      });
    }
  });

  test("the key file and the database are readable by the owner only", () => {
    const loaded = loadSecretKey({ env: {}, path: join(dir, "secret.key") });
    expect(loaded.ok).toBe(true);
    expect(statSync(join(dir, "secret.key")).mode & 0o077).toBe(0);
    expect(statSync(join(dir, "crossnet.db")).mode & 0o077).toBe(0);
  });
});

describe("audit rows, journal rows, run summaries and ping cells", () => {
  test("hold no secret in any column", async () => {
    await exerciseEverything();
    for (const table of [
      "audit",
      "journal",
      "runs",
      "ping_cells",
      "inventories",
      "topologies",
      "login_attempts",
      "sessions",
      "setup_tokens",
    ]) {
      const rows = JSON.stringify(store.sqlite.prepare(`SELECT * FROM ${table}`).all());
      expect({ table, leaks: leaks(rows) }).toEqual({ table, leaks: [] });
    }
  });
});

describe("JSON returned by repository functions (what pages and actions render)", () => {
  test("contains no secret, ciphertext or password hash", async () => {
    await exerciseEverything();
    const runId = listRuns(store)[0]?.id ?? "";
    const returned = {
      secrets: listSecrets(store, inventoryId),
      secret: getSecretInfo(store, { inventoryId, host: "node-2", kind: "password" }),
      inventories: listInventories(store),
      inventory: getInventory(store, inventoryId),
      runs: listRuns(store),
      run: getRun(store, runId),
      journal: listJournal(store, runId),
      cells: listPingCells(store, runId),
      audit: listAudit(store),
      topologies: listTopologies(store),
      users: listUsers(store),
      user: getUserByName(store, "alice"),
    };
    const json = JSON.stringify(returned);
    expect(leaks(json)).toEqual([]);
    expect(json).not.toMatch(/ciphertext|"iv"|"tag"|passwordHash|password_hash/);
  });

  test("a decrypted credential serialises, prints and interpolates as redacted", () => {
    putSecret(store, key, { inventoryId, host: "node-2", kind: "password", plaintext: PASSWORD });
    const opened = openSecretForTransport(store, key, { inventoryId, host: "node-2", kind: "password" });
    if (!opened.ok) throw new Error(opened.error.message);
    const credential = opened.value;
    const shown = [
      JSON.stringify(credential),
      JSON.stringify({ nested: [credential] }),
      inspect(credential, { depth: 10, showHidden: true }),
      `${credential.value}`,
      String(credential.value),
      // biome-ignore lint/style/useTemplate: the + coercion is what this line tests
      credential.value + "",
      JSON.stringify(structuredClone(credential)),
    ].join("\n");
    expect(leaks(shown)).toEqual([]);
    expect(toSsh2Auth(credential)).toEqual({ password: PASSWORD });
  });
});

describe("error paths", () => {
  test("expected failures return errors without secret material", async () => {
    putSecret(store, key, { inventoryId, host: "node-2", kind: "password", plaintext: PASSWORD });
    const truncatedKey = PRIVATE_KEY.slice(0, PRIVATE_KEY.length / 2);
    const results = [
      await outcome(() =>
        putSecret(store, key, { inventoryId, host: "n", kind: "private-key", plaintext: truncatedKey }),
      ),
      await outcome(() => putSecret(store, key, { inventoryId, host: "n", kind: "private-key", plaintext: PASSWORD })),
      await outcome(() =>
        putSecret(store, key, { inventoryId, host: "n", kind: "password", plaintext: `${PASSWORD}\0` }),
      ),
      await outcome(() =>
        putSecret(store, key, { inventoryId: "missing", host: "n", kind: "password", plaintext: PASSWORD }),
      ),
      await outcome(() =>
        openSecretForTransport(store, new SecretKey(randomBytes(32)), {
          inventoryId,
          host: "node-2",
          kind: "password",
        }),
      ),
      await outcome(() => {
        store.sqlite.prepare("UPDATE secrets SET tag = zeroblob(16)").run();
        return openSecretForTransport(store, key, { inventoryId, host: "node-2", kind: "password" });
      }),
      await outcome(() => loadSecretKey({ env: { CROSSNET_SECRET_KEY: PASSWORD } })),
      await outcome(() =>
        createInventory(store, { name: "leaky", document: `password: ${PASSWORD}\nkey: |\n${PRIVATE_KEY}` }),
      ),
      await outcome(() => createUser(store, { name: "bob", role: "viewer", password: `${USER_PASSWORD}\n` }, FAST)),
      await outcome(() => login(store, { username: "nobody", password: USER_PASSWORD, ip: "127.0.0.1" }, FAST)),
      await outcome(() => completeSetup(store, { token: "bad", username: "x", password: USER_PASSWORD }, FAST)),
      await outcome(() => getSession(store, PASSWORD)),
    ];
    for (const result of results) expect(leaks(describeOutcome(result))).toEqual([]);
  });

  test("thrown errors carry no secret material", async () => {
    const thrown = [
      await outcome(() => new SecretKey(Buffer.from(PASSWORD))),
      await outcome(() => appendAudit({ ...store, sqlite: closedDb() }, { kind: "event", who: "a", detail: PASSWORD })),
    ];
    for (const error of thrown) {
      expect(error).toBeInstanceOf(Error);
      expect(leaks(describeOutcome(error))).toEqual([]);
    }
  });
});

function closedDb(): Store["sqlite"] {
  const opened = openStore({ path: ":memory:" });
  if (!opened.ok) throw new Error("open");
  opened.value.close();
  return opened.value.sqlite;
}

describe("logs", () => {
  test("nothing written to the console or stdout/stderr carries a secret, also when the audit store fails", async () => {
    await exerciseEverything();
    const failing = createAuditSink({ ...store, sqlite: closedDb() });
    failing.record({
      kind: "command",
      who: "a",
      argv: ["sshpass", "-p", PASSWORD],
      exitCode: 0,
      durationMs: 1,
      detail: PASSWORD,
    });
    expect(failing.failures).toBe(1);
    expect(leaks(output.join("\n"))).toEqual([]);
  });
});

describe("the plaintext is reachable only from the SSH transport side", () => {
  test("nothing under app/ or components/ imports the transport module or reads password hashes", () => {
    const offenders: string[] = [];
    const walk = (path: string) => {
      let entries: string[];
      try {
        entries = readdirSync(path);
      } catch {
        return;
      }
      for (const name of entries) {
        const full = join(path, name);
        if (name === "node_modules" || name.startsWith(".")) continue;
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.(ts|tsx)$/.test(name)) {
          const text = readFileSync(full, "utf8");
          if (/secrets\/transport|revealForSsh|toSsh2Auth|getUserCredentials|\.seal\(|\.open\(\s*row/.test(text)) {
            offenders.push(relative(ROOT, full));
          }
        }
      }
    };
    walk(join(ROOT, "app"));
    walk(join(ROOT, "components"));
    expect(offenders).toEqual([]);
  });
});
