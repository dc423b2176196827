import { expect, test } from "vitest";
import { openTestStore } from "../store/testing";
import { completeSetup, ensureSetupToken } from "./bootstrap";
import { hashPassword, type ScryptParams } from "./password";
import { LOGIN_RATE_LIMIT } from "./rate-limit";
import { SETUP_TOKEN_TTL_MS } from "./session-policy";
import { hashToken } from "./tokens";
import { createUser, listUsers } from "./users";

const FAST = { scrypt: { log2N: 10, r: 8, p: 1 } };
const ADMIN = { username: "admin", password: "correct horse battery" };

function tokenOf(state: ReturnType<typeof ensureSetupToken>): string {
  if (state.status !== "setup-required") throw new Error("expected a token");
  return state.token;
}

test("first start issues a token stored only as a hash", () => {
  const store = openTestStore();
  const token = tokenOf(ensureSetupToken(store));
  const rows = JSON.stringify(store.sqlite.prepare("SELECT * FROM setup_tokens").all());
  expect(rows).not.toContain(token);
  expect(rows).toContain(hashToken(token));
});

test("the token creates the first admin once", async () => {
  const store = openTestStore();
  const token = tokenOf(ensureSetupToken(store));
  expect(await completeSetup(store, { token, ...ADMIN }, FAST)).toMatchObject({
    ok: true,
    value: { name: "admin", role: "admin" },
  });
  expect(await completeSetup(store, { token, username: "second", password: ADMIN.password }, FAST)).toMatchObject({
    ok: false,
    error: { code: "setup-done" },
  });
  expect(listUsers(store).map((u) => u.name)).toEqual(["admin"]);
  expect(ensureSetupToken(store)).toEqual({ status: "ready" });
});

test("a consumed token cannot be reused even if the admin is gone", async () => {
  const store = openTestStore();
  const token = tokenOf(ensureSetupToken(store));
  await completeSetup(store, { token, ...ADMIN }, FAST);
  store.sqlite.exec("DELETE FROM users");
  expect(await completeSetup(store, { token, ...ADMIN }, FAST)).toMatchObject({
    ok: false,
    error: { code: "invalid-token" },
  });
});

test("wrong, malformed and expired tokens are refused", async () => {
  const store = openTestStore();
  const token = tokenOf(ensureSetupToken(store));
  expect(await completeSetup(store, { token: "x", ...ADMIN }, FAST)).toMatchObject({
    ok: false,
    error: { code: "invalid-token" },
  });
  expect(
    await completeSetup(store, { token: `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`, ...ADMIN }, FAST),
  ).toMatchObject({
    ok: false,
    error: { code: "invalid-token" },
  });
  store.clock.advance(SETUP_TOKEN_TTL_MS);
  expect(await completeSetup(store, { token, ...ADMIN }, FAST)).toMatchObject({
    ok: false,
    error: { code: "invalid-token" },
  });
});

test("each start replaces the unused token: only the newest works", async () => {
  const store = openTestStore();
  const first = tokenOf(ensureSetupToken(store));
  const second = tokenOf(ensureSetupToken(store));
  expect(await completeSetup(store, { token: first, ...ADMIN }, FAST)).toMatchObject({
    ok: false,
    error: { code: "invalid-token" },
  });
  expect(await completeSetup(store, { token: second, ...ADMIN }, FAST)).toMatchObject({ ok: true });
});

test("a weak password is refused without consuming the token", async () => {
  const store = openTestStore();
  const token = tokenOf(ensureSetupToken(store));
  expect(await completeSetup(store, { token, username: "admin", password: "short" }, FAST)).toMatchObject({
    ok: false,
    error: { code: "weak-password" },
  });
  expect(await completeSetup(store, { token, ...ADMIN }, FAST)).toMatchObject({ ok: true });
});

test("no token is issued once an admin exists", async () => {
  const store = openTestStore();
  await createUser(store, { name: "root", role: "admin", password: ADMIN.password }, FAST);
  expect(ensureSetupToken(store)).toEqual({ status: "ready" });
});

test("once an admin exists, setup answers without hashing a password (finding 4)", async () => {
  const store = openTestStore();
  const token = tokenOf(ensureSetupToken(store));
  let hashes = 0;
  const counting = {
    ...FAST,
    hash: (password: string, params?: ScryptParams) => {
      hashes += 1;
      return hashPassword(password, params);
    },
  };
  expect(await completeSetup(store, { token, ...ADMIN }, counting)).toMatchObject({ ok: true });
  expect(hashes).toBe(1);
  for (let i = 0; i < 20; i += 1) {
    const again = await completeSetup(
      store,
      { token: `${token}x`, username: `u${i}`, password: ADMIN.password, ip: "10.0.0.9" },
      counting,
    );
    expect(again).toMatchObject({ ok: false, error: { code: "setup-done" } });
  }
  expect(hashes).toBe(1);
});

test("a wrong setup token does not hash, and wrong tokens from one address are limited (finding 4)", async () => {
  const store = openTestStore();
  const token = tokenOf(ensureSetupToken(store));
  let hashes = 0;
  const counting = {
    ...FAST,
    policy: { ...LOGIN_RATE_LIMIT, maxPerIp: 3 },
    hash: (password: string, params?: ScryptParams) => {
      hashes += 1;
      return hashPassword(password, params);
    },
  };
  const wrong = "A".repeat(43);
  for (let i = 0; i < 3; i += 1)
    expect(await completeSetup(store, { token: wrong, ...ADMIN, ip: "10.0.0.9" }, counting)).toMatchObject({
      ok: false,
      error: { code: "invalid-token" },
    });
  expect(await completeSetup(store, { token, ...ADMIN, ip: "10.0.0.9" }, counting)).toMatchObject({
    ok: false,
    error: { code: "rate-limited" },
  });
  expect(hashes).toBe(0);
  expect(await completeSetup(store, { token, ...ADMIN, ip: "10.0.0.10" }, counting)).toMatchObject({ ok: true });
  expect(hashes).toBe(1);
});
