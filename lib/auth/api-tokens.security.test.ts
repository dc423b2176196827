import { expect, it } from "vitest";
import { openTestStore } from "../store/testing";
import { API_TOKEN_PREFIX, createApiToken, listApiTokens, revokeApiToken, sessionFromBearer } from "./api-tokens";
import { authorizeRequest } from "./request";
import { createUser, setUserRole } from "./users";

/**
 * API tokens for scripts and CI: shown once, stored hashed, role at most the user's (and capped by
 * the user's current role at every use), expiring, revocable; a Bearer request needs no cookie and
 * no Origin, and a bad token is 401 rather than falling back to the cookie.
 */

const FAST = { scrypt: { log2N: 10, r: 8, p: 1 } };
const DAY = 24 * 60 * 60 * 1000;
const LOOPBACK = { secure: false, allowedOrigins: [] as string[] };

async function withOperator() {
  const store = openTestStore();
  const user = await createUser(store, { name: "ci", role: "operator", password: "a long enough password" }, FAST);
  if (!user.ok) throw new Error(user.error.message);
  return { store, user: user.value };
}

const bearer = (token: string, extra: Record<string, string> = {}) => ({
  method: "POST",
  headers: new Headers({ host: "127.0.0.1:3000", authorization: `Bearer ${token}`, ...extra }),
});

it("is shown once, stored only as a hash, and authorizes a request with its role, without cookie or Origin", async () => {
  const { store, user } = await withOperator();
  const created = createApiToken(store, { userId: user.id, label: "ci deploy", role: "operator", ttlMs: 30 * DAY });
  if (!created.ok) throw new Error(created.error.message);
  const { token } = created.value;
  expect(token.startsWith(API_TOKEN_PREFIX)).toBe(true);
  expect(JSON.stringify(store.sqlite.prepare("SELECT * FROM api_tokens").all())).not.toContain(token.slice(3));
  expect(JSON.stringify(listApiTokens(store))).not.toContain(token.slice(3));
  expect(authorizeRequest(store, bearer(token), "operator", LOOPBACK)).toMatchObject({
    ok: true,
    value: { userName: "ci", role: "operator" },
  });
  expect(authorizeRequest(store, bearer(token), "admin", LOOPBACK)).toMatchObject({
    ok: false,
    error: { status: 403 },
  });
  expect(listApiTokens(store)[0]?.lastUsedAt).not.toBeNull();
});

it("never grants more than the user has, now: a token made for a viewer stays viewer, demoting the user demotes the token", async () => {
  const { store, user } = await withOperator();
  expect(createApiToken(store, { userId: user.id, label: "x", role: "admin", ttlMs: DAY })).toMatchObject({
    ok: false,
    error: { code: "bad-role" },
  });
  const created = createApiToken(store, { userId: user.id, label: "x", role: "operator", ttlMs: DAY });
  if (!created.ok) throw new Error(created.error.message);
  const admin = await createUser(store, { name: "boss", role: "admin", password: "a long enough password" }, FAST);
  if (!admin.ok) throw new Error(admin.error.message);
  setUserRole(store, user.id, "viewer");
  expect(sessionFromBearer(store, `Bearer ${created.value.token}`)?.role).toBe("viewer");
});

it("a revoked, expired, forged or malformed token is 401, and does not fall back to a session cookie", async () => {
  const { store, user } = await withOperator();
  const created = createApiToken(store, { userId: user.id, label: "x", role: "operator", ttlMs: DAY });
  if (!created.ok) throw new Error(created.error.message);
  const { token, info } = created.value;
  const forged = `${API_TOKEN_PREFIX}${"A".repeat(43)}`;
  for (const bad of [forged, "not-a-token", token.slice(3), `${token}x`])
    expect(authorizeRequest(store, bearer(bad), "viewer", LOOPBACK)).toMatchObject({
      ok: false,
      error: { status: 401 },
    });
  expect(
    authorizeRequest(store, bearer(forged, { cookie: "crossnet_session=whatever" }), "viewer", LOOPBACK),
  ).toMatchObject({ ok: false, error: { status: 401 } });
  store.clock.advance(DAY);
  expect(authorizeRequest(store, bearer(token), "viewer", LOOPBACK)).toMatchObject({
    ok: false,
    error: { status: 401 },
  });
  const fresh = createApiToken(store, { userId: user.id, label: "y", role: "viewer", ttlMs: DAY });
  if (!fresh.ok) throw new Error(fresh.error.message);
  expect(authorizeRequest(store, bearer(fresh.value.token), "viewer", LOOPBACK).ok).toBe(true);
  expect(revokeApiToken(store, fresh.value.info.id).ok).toBe(true);
  expect(authorizeRequest(store, bearer(fresh.value.token), "viewer", LOOPBACK)).toMatchObject({ ok: false });
  expect(revokeApiToken(store, info.id).ok).toBe(true);
  expect(revokeApiToken(store, info.id).ok).toBe(false);
  expect(createApiToken(store, { userId: user.id, label: "z", role: "viewer", ttlMs: 400 * DAY }).ok).toBe(false);
});
