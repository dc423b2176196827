import { expect, test } from "vitest";
import { openTestStore } from "../store/testing";
import { verifyPassword } from "./password";
import { createSession, getSession } from "./sessions";
import {
  createUser,
  deleteUser,
  getUserByName,
  getUserCredentials,
  listUsers,
  setUserPassword,
  setUserRole,
} from "./users";

const FAST = { scrypt: { log2N: 10, r: 8, p: 1 } };
const PW = "correct horse battery";

async function user(store: ReturnType<typeof openTestStore>, name: string, role: "viewer" | "operator" | "admin") {
  const created = await createUser(store, { name, role, password: PW }, FAST);
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

test("createUser hashes the password and returns no hash", async () => {
  const store = openTestStore();
  const alice = await user(store, "Alice", "admin");
  expect(alice).toEqual({
    id: expect.any(String),
    name: "Alice",
    role: "admin",
    createdAt: expect.any(String),
    updatedAt: expect.any(String),
  });
  const credentials = getUserCredentials(store, "alice");
  expect(credentials?.passwordHash.startsWith("scrypt$")).toBe(true);
  expect(await verifyPassword(PW, credentials?.passwordHash ?? "")).toBe(true);
  expect(JSON.stringify(listUsers(store))).not.toContain("scrypt$");
  expect(getUserByName(store, "ALICE")?.id).toBe(alice.id);
});

test("createUser refuses duplicate names (any case), bad names and weak passwords", async () => {
  const store = openTestStore();
  await user(store, "alice", "viewer");
  expect(await createUser(store, { name: "ALICE", role: "viewer", password: PW }, FAST)).toMatchObject({
    ok: false,
    error: { code: "name-taken" },
  });
  expect(await createUser(store, { name: "-x", role: "viewer", password: PW }, FAST)).toMatchObject({
    ok: false,
    error: { code: "invalid-name" },
  });
  expect(await createUser(store, { name: "bob", role: "viewer", password: "short" }, FAST)).toMatchObject({
    ok: false,
    error: { code: "weak-password", issues: [{ code: "too-short" }] },
  });
});

test("the last admin cannot be demoted or deleted", async () => {
  const store = openTestStore();
  const alice = await user(store, "alice", "admin");
  expect(setUserRole(store, alice.id, "viewer")).toMatchObject({ ok: false, error: { code: "last-admin" } });
  expect(deleteUser(store, alice.id)).toMatchObject({ ok: false, error: { code: "last-admin" } });
  const bob = await user(store, "bob", "admin");
  expect(setUserRole(store, alice.id, "operator")).toMatchObject({ ok: true, value: { role: "operator" } });
  expect(deleteUser(store, bob.id)).toMatchObject({ ok: false, error: { code: "last-admin" } });
  expect(deleteUser(store, alice.id)).toEqual({ ok: true, value: { id: alice.id } });
  expect(setUserRole(store, "nope", "viewer")).toMatchObject({ ok: false, error: { code: "not-found" } });
});

test("a role change applies to existing sessions at once", async () => {
  const store = openTestStore();
  await user(store, "root", "admin");
  const alice = await user(store, "alice", "operator");
  const { token } = createSession(store, alice.id);
  setUserRole(store, alice.id, "viewer");
  expect(getSession(store, token)).toMatchObject({ ok: true, value: { role: "viewer" } });
});

test("setUserPassword changes the hash and signs the user out everywhere", async () => {
  const store = openTestStore();
  const alice = await user(store, "alice", "admin");
  const { token } = createSession(store, alice.id);
  expect(await setUserPassword(store, alice.id, "short", FAST)).toMatchObject({
    ok: false,
    error: { code: "weak-password" },
  });
  expect(await setUserPassword(store, alice.id, "a whole new password", FAST)).toMatchObject({ ok: true });
  expect(await verifyPassword("a whole new password", getUserCredentials(store, "alice")?.passwordHash ?? "")).toBe(
    true,
  );
  expect(getSession(store, token)).toMatchObject({ ok: false, error: { code: "no-session" } });
  expect(await setUserPassword(store, "nope", "a whole new password", FAST)).toMatchObject({
    ok: false,
    error: { code: "not-found" },
  });
});
