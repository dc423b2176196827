import { generateKeyPairSync } from "node:crypto";
import { inspect } from "node:util";
import { beforeAll, expect, test } from "vitest";
import { createInventory, deleteInventory } from "../store/inventories";
import { openTestStore } from "../store/testing";
import { fingerprintPassword } from "./fingerprint";
import { randomSecretKey, testRsaKey } from "./testing";
import { openSecretForTransport, toSsh2Auth } from "./transport";
import { deleteSecret, getSecretInfo, listSecrets, putSecret } from "./vault";

let rsa: { pem: string; fingerprint: string };
beforeAll(() => {
  rsa = testRsaKey();
});

function setup() {
  const store = openTestStore();
  const inventory = createInventory(store, { name: "lab", document: "hosts: {}\n" });
  if (!inventory.ok) throw new Error("inventory");
  return { store, key: randomSecretKey(), inventoryId: inventory.value.id };
}

test("a private key round-trips and shows the fingerprint ssh-keygen would", () => {
  const { store, key, inventoryId } = setup();
  const stored = putSecret(store, key, { inventoryId, host: "node-1", kind: "private-key", plaintext: rsa.pem });
  expect(stored).toEqual({
    ok: true,
    value: {
      id: expect.any(String),
      inventoryId,
      host: "node-1",
      kind: "private-key",
      fingerprint: rsa.fingerprint,
      createdAt: "2025-01-01T00:00:00.000Z",
      updatedAt: "2025-01-01T00:00:00.000Z",
    },
  });
  const opened = openSecretForTransport(store, key, { inventoryId, host: "node-1", kind: "private-key" });
  if (!opened.ok) throw new Error(opened.error.message);
  expect(opened.value.value.revealForSsh().toString()).toBe(rsa.pem);
  expect(toSsh2Auth(opened.value)).toEqual({ privateKey: Buffer.from(rsa.pem) });
});

test("a password round-trips and gets a keyed fingerprint", () => {
  const { store, key, inventoryId } = setup();
  const stored = putSecret(store, key, { inventoryId, host: "node-1", kind: "password", plaintext: "correct horse" });
  expect(stored.ok && stored.value.fingerprint).toMatch(/^password HMAC:[0-9a-f]{12}$/);
  const again = putSecret(store, key, { inventoryId, host: "node-2", kind: "password", plaintext: "correct horse" });
  expect(again.ok && stored.ok && again.value.fingerprint).toBe(stored.ok && stored.value.fingerprint);
  const underOtherKey = fingerprintPassword(randomSecretKey(), Buffer.from("correct horse"));
  expect(underOtherKey.ok && stored.ok && underOtherKey.value).not.toBe(stored.ok && stored.value.fingerprint);
  const opened = openSecretForTransport(store, key, { inventoryId, host: "node-1", kind: "password" });
  if (!opened.ok) throw new Error(opened.error.message);
  expect(toSsh2Auth(opened.value)).toEqual({ password: "correct horse" });
});

test("the wrong master key is reported as such", () => {
  const { store, key, inventoryId } = setup();
  putSecret(store, key, { inventoryId, host: "node-1", kind: "password", plaintext: "correct horse" });
  const opened = openSecretForTransport(store, randomSecretKey(), { inventoryId, host: "node-1", kind: "password" });
  expect(opened).toMatchObject({ ok: false, error: { code: "wrong-key" } });
});

test("a tampered ciphertext, tag or iv fails authentication", () => {
  for (const column of ["ciphertext", "tag", "iv"]) {
    const { store, key, inventoryId } = setup();
    putSecret(store, key, { inventoryId, host: "node-1", kind: "password", plaintext: "correct horse" });
    store.sqlite.prepare(`UPDATE secrets SET ${column} = zeroblob(length(${column}))`).run();
    const opened = openSecretForTransport(store, key, { inventoryId, host: "node-1", kind: "password" });
    expect(opened).toMatchObject({ ok: false, error: { code: "decrypt-failed" } });
  }
});

test("a ciphertext moved to another host's row does not decrypt there", () => {
  const { store, key, inventoryId } = setup();
  putSecret(store, key, { inventoryId, host: "node-1", kind: "password", plaintext: "for node 1 only" });
  putSecret(store, key, { inventoryId, host: "node-2", kind: "password", plaintext: "for node 2 only" });
  store.sqlite
    .prepare(
      "UPDATE secrets SET (ciphertext, iv, tag) = (SELECT ciphertext, iv, tag FROM secrets WHERE host = 'node-1') WHERE host = 'node-2'",
    )
    .run();
  expect(openSecretForTransport(store, key, { inventoryId, host: "node-2", kind: "password" })).toMatchObject({
    ok: false,
    error: { code: "decrypt-failed" },
  });
});

test("putSecret replaces the secret of the same host and kind", () => {
  const { store, key, inventoryId } = setup();
  putSecret(store, key, { inventoryId, host: "node-1", kind: "password", plaintext: "first password" });
  store.clock.advance(1000);
  const second = putSecret(store, key, { inventoryId, host: "node-1", kind: "password", plaintext: "second password" });
  expect(second).toMatchObject({
    ok: true,
    value: { createdAt: "2025-01-01T00:00:00.000Z", updatedAt: "2025-01-01T00:00:01.000Z" },
  });
  expect(listSecrets(store, inventoryId)).toHaveLength(1);
  const opened = openSecretForTransport(store, key, { inventoryId, host: "node-1", kind: "password" });
  expect(opened.ok && opened.value.value.revealForSsh().toString()).toBe("second password");
});

test("invalid keys, encrypted keys, public keys and bad passwords are refused", () => {
  const { store, key, inventoryId } = setup();
  const ref = { inventoryId, host: "node-1" };
  expect(putSecret(store, key, { ...ref, kind: "private-key", plaintext: "not a key" })).toMatchObject({
    ok: false,
    error: { code: "invalid-private-key" },
  });
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
  const encrypted = privateKey
    .export({ type: "pkcs1", format: "pem", cipher: "aes-256-cbc", passphrase: "pw" })
    .toString();
  expect(putSecret(store, key, { ...ref, kind: "private-key", plaintext: encrypted })).toMatchObject({
    ok: false,
    error: { code: "encrypted-private-key" },
  });
  const pkcs8 = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  expect(putSecret(store, key, { ...ref, kind: "private-key", plaintext: pkcs8 })).toMatchObject({
    ok: false,
    error: { code: "invalid-private-key" },
  });
  expect(putSecret(store, key, { ...ref, kind: "password", plaintext: "" })).toMatchObject({
    ok: false,
    error: { code: "invalid-password" },
  });
  expect(putSecret(store, key, { ...ref, kind: "password", plaintext: "a\0b" })).toMatchObject({
    ok: false,
    error: { code: "invalid-password" },
  });
  expect(
    putSecret(store, key, { inventoryId: "nope", host: "h", kind: "password", plaintext: "pw-pw-pw" }),
  ).toMatchObject({
    ok: false,
    error: { code: "unknown-inventory" },
  });
  expect(listSecrets(store, inventoryId)).toEqual([]);
});

test("listSecrets and getSecretInfo return metadata only; deleting works, also by inventory cascade", () => {
  const { store, key, inventoryId } = setup();
  putSecret(store, key, { inventoryId, host: "node-2", kind: "password", plaintext: "pw for node 2" });
  putSecret(store, key, { inventoryId, host: "node-1", kind: "private-key", plaintext: rsa.pem });
  const list = listSecrets(store, inventoryId);
  expect(list.map((s) => [s.host, s.kind])).toEqual([
    ["node-1", "private-key"],
    ["node-2", "password"],
  ]);
  for (const info of list)
    expect(Object.keys(info).sort()).toEqual([
      "createdAt",
      "fingerprint",
      "host",
      "id",
      "inventoryId",
      "kind",
      "updatedAt",
    ]);
  expect(getSecretInfo(store, { inventoryId, host: "node-2", kind: "password" })?.host).toBe("node-2");
  expect(deleteSecret(store, { inventoryId, host: "node-2", kind: "password" })).toEqual({
    ok: true,
    value: { deleted: true },
  });
  expect(deleteSecret(store, { inventoryId, host: "node-2", kind: "password" })).toMatchObject({
    ok: false,
    error: { code: "not-found" },
  });
  deleteInventory(store, inventoryId);
  expect(listSecrets(store, inventoryId)).toEqual([]);
});

test("a transport credential prints as redacted and can be wiped", () => {
  const { store, key, inventoryId } = setup();
  putSecret(store, key, { inventoryId, host: "node-1", kind: "password", plaintext: "do not print me" });
  const opened = openSecretForTransport(store, key, { inventoryId, host: "node-1", kind: "password" });
  if (!opened.ok) throw new Error(opened.error.message);
  const credential = opened.value;
  for (const text of [
    JSON.stringify(credential),
    inspect(credential, { depth: 5 }),
    `${credential.value}`,
    String(credential.value),
  ]) {
    expect(text).not.toContain("do not print me");
  }
  credential.value.dispose();
  expect(credential.value.revealForSsh().every((byte) => byte === 0)).toBe(true);
  expect(openSecretForTransport(store, key, { inventoryId, host: "nope", kind: "password" })).toMatchObject({
    ok: false,
    error: { code: "not-found" },
  });
});
