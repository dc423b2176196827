import { expect, it } from "vitest";
import { type AddHostState, addHostReducer, INITIAL_ADD_HOST } from "./add-host-state";

const key = { fingerprint: `SHA256:${"A".repeat(43)}`, keyType: "ssh-ed25519" } as const;
const confirmedFor = (address: string): AddHostState => {
  let state = addHostReducer(INITIAL_ADD_HOST, { type: "edit", field: "address", value: address });
  state = addHostReducer(state, { type: "presented", key });
  return addHostReducer(state, { type: "confirm", confirmed: true });
};

it("a host key confirmed for one address is forgotten when the name, address or port changes", () => {
  for (const field of ["name", "address", "port"] as const) {
    const state = addHostReducer(confirmedFor("192.168.0.53"), { type: "edit", field, value: "x" });
    expect(state).toMatchObject({ presented: null, confirmed: false });
  }
  expect(addHostReducer(confirmedFor("192.168.0.53"), { type: "edit", field: "user", value: "admin" })).toMatchObject({
    presented: key,
    confirmed: true,
    user: "admin",
  });
});

it("a newly fetched key must be confirmed again", () => {
  expect(addHostReducer(confirmedFor("192.168.0.53"), { type: "presented", key })).toMatchObject({ confirmed: false });
});

it("a host added clears what identified it and the private key's text, and keeps the login", () => {
  let state = addHostReducer(confirmedFor("192.168.0.53"), { type: "edit", field: "user", value: "admin" });
  state = addHostReducer(state, { type: "private-key", text: "-----BEGIN OPENSSH PRIVATE KEY-----" });
  state = addHostReducer(state, { type: "added", text: "added" });
  expect(state).toMatchObject({
    name: "",
    address: "",
    privateKey: "",
    presented: null,
    confirmed: false,
    user: "admin",
    port: "22",
    message: { tone: "ok", text: "added" },
  });
});
