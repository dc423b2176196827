import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { createTestClock, openTestStore } from "../store/testing";
import { LOGIN_ATTEMPT_RETENTION_MS, login, pruneLoginAttempts } from "./login";
import { LOGIN_RATE_LIMIT } from "./rate-limit";
import { getSession } from "./sessions";
import { createUser } from "./users";

const FAST = { scrypt: { log2N: 10, r: 8, p: 1 } };
const PW = "correct horse battery";

async function withAlice() {
  const store = openTestStore();
  const created = await createUser(store, { name: "alice", role: "operator", password: PW }, FAST);
  if (!created.ok) throw new Error(created.error.message);
  return store;
}

const attempt = (store: ReturnType<typeof openTestStore>, password: string, ip = "10.0.0.1", username = "alice") =>
  login(store, { username, password, ip }, FAST);

test("the right password gives a working session", async () => {
  const store = await withAlice();
  const result = await attempt(store, PW);
  expect(result).toMatchObject({ ok: true, value: { user: { name: "alice", role: "operator" } } });
  if (result.ok)
    expect(getSession(store, result.value.token)).toMatchObject({ ok: true, value: { userName: "alice" } });
});

test("a wrong password and an unknown user get the same error", async () => {
  const store = await withAlice();
  const wrong = await attempt(store, "wrong password!!");
  const unknown = await attempt(store, PW, "10.0.0.1", "mallory");
  expect(wrong).toEqual({ ok: false, error: { code: "invalid-credentials", message: "wrong user name or password" } });
  expect(unknown).toEqual(wrong);
});

test("five failures per user and IP in 15 minutes block the sixth try, even with the right password", async () => {
  const store = await withAlice();
  for (let i = 0; i < 5; i += 1) {
    expect(await attempt(store, `wrong ${i}`)).toMatchObject({ ok: false, error: { code: "invalid-credentials" } });
    store.clock.advance(60_000);
  }
  expect(await attempt(store, PW)).toMatchObject({
    ok: false,
    error: { code: "rate-limited", scope: "user-ip", retryAfterMs: 10 * 60_000 },
  });
  expect(await attempt(store, PW, "10.0.0.2")).toMatchObject({ ok: true });
  store.clock.advance(10 * 60_000);
  expect(await attempt(store, PW)).toMatchObject({ ok: true });
});

test("the limit is persisted: a restarted process (a new connection to the same file) still blocks", async () => {
  const dir = mkdtempSync(join(tmpdir(), "crossnet-login-"));
  try {
    const path = join(dir, "crossnet.db");
    const clock = createTestClock();
    const first = openTestStore({ path, clock });
    await createUser(first, { name: "alice", role: "operator", password: PW }, FAST);
    for (let i = 0; i < 5; i += 1) await attempt(first, `wrong ${i}`);
    first.close();
    const second = openTestStore({ path, clock });
    expect(await attempt(second, PW)).toMatchObject({ ok: false, error: { code: "rate-limited" } });
    second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("user names are matched case-insensitively for both login and the limit", async () => {
  const store = await withAlice();
  for (let i = 0; i < 5; i += 1) await attempt(store, `wrong ${i}`, "10.0.0.1", i % 2 ? "ALICE" : " alice ");
  expect(await attempt(store, PW, "10.0.0.1", "Alice")).toMatchObject({ ok: false, error: { code: "rate-limited" } });
});

test("a success resets the per-user count", async () => {
  const store = await withAlice();
  for (let i = 0; i < 4; i += 1) await attempt(store, `wrong ${i}`);
  expect(await attempt(store, PW)).toMatchObject({ ok: true });
  for (let i = 0; i < 4; i += 1) await attempt(store, `wrong ${i}`);
  expect(await attempt(store, PW)).toMatchObject({ ok: true });
});

test("parallel guesses cannot exceed the limit", async () => {
  const store = await withAlice();
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(store, `wrong ${i}`)));
  expect(results.filter((r) => !r.ok && r.error.code === "invalid-credentials")).toHaveLength(
    LOGIN_RATE_LIMIT.maxPerUserIp,
  );
});

test("spraying many names from one IP is limited per IP", async () => {
  const store = await withAlice();
  const policy = { ...LOGIN_RATE_LIMIT, windowMs: 60_000, maxPerUserIp: 5, maxPerIp: 3 };
  for (const name of ["a", "b", "c"])
    await login(store, { username: name, password: "x-x-x-x-x", ip: "10.9.9.9" }, { ...FAST, policy });
  expect(await login(store, { username: "alice", password: PW, ip: "10.9.9.9" }, { ...FAST, policy })).toMatchObject({
    ok: false,
    error: { code: "rate-limited", scope: "ip" },
  });
});

test("old attempts are pruned", async () => {
  const store = await withAlice();
  await attempt(store, "wrong password");
  store.clock.advance(LOGIN_ATTEMPT_RETENTION_MS + 1);
  expect(pruneLoginAttempts(store)).toBe(1);
});
