import { expect, test } from "vitest";
import { openTestStore } from "../store/testing";
import { changeOwnPassword, revokeListedSession, revokeOwnApiToken, sessionListId } from "./account";
import { createApiToken, listApiTokens } from "./api-tokens";
import { login } from "./login";
import type { Session } from "./roles";
import { createSession, getSession, listSessions } from "./sessions";
import { createUser } from "./users";

const FAST = { scrypt: { log2N: 10, r: 8, p: 1 } };

async function twoUsers() {
  const store = openTestStore();
  const made = async (name: string, role: "operator" | "admin") => {
    const created = await createUser(store, { name, role, password: `${name} correct horse battery` }, FAST);
    if (!created.ok) throw new Error(created.error.message);
    return created.value;
  };
  const alice = await made("alice", "operator");
  const bob = await made("bob", "operator");
  const root = await made("root", "admin");
  const as = (user: { id: string; name: string; role: Session["role"] }): Session => ({
    userId: user.id,
    userName: user.name,
    role: user.role,
    createdAt: "2025-01-01T00:00:00.000Z",
    expiresAt: "2025-01-02T00:00:00.000Z",
  });
  return { store, alice: as(alice), bob: as(bob), root: as(root) };
}

test("a user ends one of their own sessions by its listed id, never another user's; an admin may", async () => {
  const { store, alice, bob, root } = await twoUsers();
  const mine = createSession(store, alice.userId).token;
  const theirs = createSession(store, bob.userId).token;
  expect(listSessions(store, alice.userId).map((session) => session.id)).toEqual([sessionListId(mine)]);
  expect(revokeListedSession(store, alice, sessionListId(theirs))).toMatchObject({
    ok: false,
    error: { code: "not-found" },
  });
  expect(getSession(store, theirs).ok).toBe(true);
  expect(revokeListedSession(store, alice, "%")).toMatchObject({ ok: false });
  expect(revokeListedSession(store, alice, sessionListId(mine)).ok).toBe(true);
  expect(getSession(store, mine).ok).toBe(false);
  expect(revokeListedSession(store, root, sessionListId(theirs)).ok).toBe(true);
  expect(getSession(store, theirs).ok).toBe(false);
});

test("a user revokes their own API token, not another user's", async () => {
  const { store, alice, bob } = await twoUsers();
  const created = createApiToken(store, { userId: bob.userId, label: "ci", role: "viewer", ttlMs: 86_400_000 });
  if (!created.ok) throw new Error(created.error.message);
  const id = created.value.info.id;
  expect(revokeOwnApiToken(store, alice, id)).toMatchObject({ ok: false, error: { code: "not-found" } });
  expect(listApiTokens(store, bob.userId)[0]?.revokedAt).toBeNull();
  expect(revokeOwnApiToken(store, bob, id).ok).toBe(true);
  expect(listApiTokens(store, bob.userId)[0]?.revokedAt).not.toBeNull();
});

test("a password change needs the current password, keeps the policy, and ends every session", async () => {
  const { store, alice } = await twoUsers();
  const session = createSession(store, alice.userId).token;
  const wrong = await changeOwnPassword(
    store,
    alice,
    { current: "not it at all", next: "a brand new passphrase" },
    FAST,
  );
  expect(wrong).toMatchObject({ ok: false, error: { code: "wrong-password" } });
  const weak = await changeOwnPassword(store, alice, { current: "alice correct horse battery", next: "short" }, FAST);
  expect(weak).toMatchObject({ ok: false, error: { code: "weak-password" } });
  expect(getSession(store, session).ok).toBe(true);
  const changed = await changeOwnPassword(
    store,
    alice,
    { current: "alice correct horse battery", next: "a brand new passphrase" },
    FAST,
  );
  expect(changed).toEqual({ ok: true, value: { userName: "alice" } });
  expect(getSession(store, session).ok).toBe(false);
  expect((await login(store, { username: "alice", password: "alice correct horse battery", ip: "10.0.0.1" })).ok).toBe(
    false,
  );
  expect((await login(store, { username: "alice", password: "a brand new passphrase", ip: "10.0.0.2" })).ok).toBe(true);
});
