import { expect, test } from "vitest";
import { openTestStore } from "../store/testing";
import { authorizeRequest } from "./request";
import { createSession } from "./sessions";
import { createUser } from "./users";

async function setup() {
  const store = openTestStore();
  const user = await createUser(
    store,
    { name: "alice", role: "operator", password: "correct horse battery" },
    { scrypt: { log2N: 10, r: 8, p: 1 } },
  );
  if (!user.ok) throw new Error(user.error.message);
  return { store, token: createSession(store, user.value.id).token };
}

const request = (method: string, headers: Record<string, string>) => ({ method, headers: new Headers(headers) });
const OPTIONS = { secure: false };

test("a same-origin request with a valid cookie and enough role passes", async () => {
  const { store, token } = await setup();
  const result = authorizeRequest(
    store,
    request("POST", { origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000", cookie: `crossnet_session=${token}` }),
    "operator",
    OPTIONS,
  );
  expect(result).toMatchObject({ ok: true, value: { userName: "alice" } });
});

test("a cross-site POST is refused before the session is even looked at", async () => {
  const { store, token } = await setup();
  const result = authorizeRequest(
    store,
    request("POST", { origin: "http://evil.example", host: "127.0.0.1:3000", cookie: `crossnet_session=${token}` }),
    "viewer",
    OPTIONS,
  );
  expect(result).toMatchObject({ ok: false, error: { code: "bad-origin", status: 403 } });
});

test("no cookie is 401 and too low a role is 403", async () => {
  const { store, token } = await setup();
  expect(authorizeRequest(store, request("GET", {}), "viewer", OPTIONS)).toMatchObject({
    ok: false,
    error: { status: 401 },
  });
  expect(
    authorizeRequest(store, request("GET", { cookie: `crossnet_session=${token}` }), "admin", OPTIONS),
  ).toMatchObject({
    ok: false,
    error: { code: "forbidden", status: 403 },
  });
});
