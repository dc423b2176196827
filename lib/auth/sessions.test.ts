import { expect, test } from "vitest";
import { openTestStore } from "../store/testing";
import { SESSION_IDLE_MS, SESSION_TTL_MS } from "./session-policy";
import {
  authorize,
  createSession,
  getSession,
  listSessions,
  pruneExpiredSessions,
  revokeSession,
  revokeUserSessions,
} from "./sessions";
import { hashToken } from "./tokens";
import { createUser } from "./users";

async function withUser(role: "viewer" | "operator" | "admin" = "operator") {
  const store = openTestStore();
  const created = await createUser(
    store,
    { name: "alice", role, password: "correct horse battery" },
    { scrypt: { log2N: 10, r: 8, p: 1 } },
  );
  if (!created.ok) throw new Error(created.error.message);
  return { store, user: created.value };
}

test("a session resolves to the user until it expires, then is deleted", async () => {
  const { store, user } = await withUser();
  const { token, expiresAt } = createSession(store, user.id);
  expect(expiresAt).toBe(new Date(Date.parse("2025-01-01T00:00:00.000Z") + SESSION_TTL_MS).toISOString());
  expect(getSession(store, token)).toEqual({
    ok: true,
    value: { userId: user.id, userName: "alice", role: "operator", createdAt: "2025-01-01T00:00:00.000Z", expiresAt },
  });
  store.clock.advance(SESSION_TTL_MS - 1);
  expect(getSession(store, token, { idleMs: 2 * SESSION_TTL_MS }).ok).toBe(true);
  store.clock.advance(1);
  expect(getSession(store, token)).toMatchObject({ ok: false, error: { code: "expired" } });
  expect(getSession(store, token)).toMatchObject({ ok: false, error: { code: "no-session" } });
});

test("only the token's hash is stored", async () => {
  const { store, user } = await withUser();
  const { token } = createSession(store, user.id);
  const rows = JSON.stringify(store.sqlite.prepare("SELECT * FROM sessions").all());
  expect(rows).not.toContain(token);
  expect(rows).toContain(hashToken(token));
});

test("unknown, malformed and missing tokens are no session", async () => {
  const { store } = await withUser();
  for (const token of [null, undefined, "", "x", "A".repeat(43)]) {
    expect(getSession(store, token)).toMatchObject({ ok: false, error: { code: "no-session" } });
  }
});

test("authorize combines the session lookup and the role check", async () => {
  const { store, user } = await withUser("operator");
  const { token } = createSession(store, user.id);
  expect(authorize(store, token, "operator")).toMatchObject({ ok: true, value: { userName: "alice" } });
  expect(authorize(store, token, "admin")).toMatchObject({ ok: false, error: { code: "forbidden", status: 403 } });
  expect(authorize(store, "nope", "viewer")).toMatchObject({
    ok: false,
    error: { code: "unauthenticated", status: 401 },
  });
});

test("sign-out and sign-out-everywhere", async () => {
  const { store, user } = await withUser();
  const a = createSession(store, user.id);
  const b = createSession(store, user.id);
  const c = createSession(store, user.id);
  revokeSession(store, a.token);
  expect(getSession(store, a.token).ok).toBe(false);
  expect(getSession(store, b.token).ok).toBe(true);
  expect(revokeUserSessions(store, user.id)).toBe(2);
  expect(getSession(store, c.token).ok).toBe(false);
});

test("expired sessions are pruned", async () => {
  const { store, user } = await withUser();
  createSession(store, user.id, { ttlMs: 1000 });
  createSession(store, user.id);
  store.clock.advance(1000);
  expect(pruneExpiredSessions(store)).toBe(1);
});

test("a session unused for an hour ends; using it keeps it alive up to its absolute expiry", async () => {
  const store = openTestStore();
  const user = await createUser(
    store,
    { name: "idle", role: "viewer", password: "a long enough password" },
    {
      scrypt: { log2N: 10, r: 8, p: 1 },
    },
  );
  if (!user.ok) throw new Error(user.error.message);
  const kept = createSession(store, user.value.id);
  const left = createSession(store, user.value.id);
  for (let i = 0; i < 11; i += 1) {
    store.clock.advance(SESSION_IDLE_MS - 60_000);
    expect(getSession(store, kept.token).ok).toBe(true);
  }
  expect(getSession(store, left.token)).toMatchObject({ ok: false, error: { code: "idle" } });
  expect(listSessions(store).map((session) => session.userName)).toEqual(["idle"]);
  store.clock.advance(SESSION_IDLE_MS - 60_000);
  expect(getSession(store, kept.token).ok).toBe(true);
  store.clock.advance(SESSION_IDLE_MS - 60_000);
  expect(getSession(store, kept.token)).toMatchObject({ ok: false, error: { code: "expired" } });
});
