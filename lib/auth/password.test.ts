import { expect, test } from "vitest";
import { checkPasswordPolicy, hashPassword, needsRehash, SCRYPT_DEFAULTS, verifyPassword } from "./password";

const FAST = { log2N: 10, r: 8, p: 1 };

test("a hash verifies the right password only", async () => {
  const stored = await hashPassword("correct horse battery", FAST);
  expect(stored).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  expect(await verifyPassword("correct horse battery", stored)).toBe(true);
  expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
  expect(await verifyPassword("", stored)).toBe(false);
});

test("the same password hashes differently each time (random salt)", async () => {
  expect(await hashPassword("same password!", FAST)).not.toBe(await hashPassword("same password!", FAST));
});

test("Unicode forms of the same password verify alike", async () => {
  const stored = await hashPassword("caf\u00e9-password", FAST);
  expect(await verifyPassword("cafe\u0301-password", stored)).toBe(true);
});

test("the default parameters work (memory limit set high enough)", async () => {
  const stored = await hashPassword("correct horse battery", SCRYPT_DEFAULTS);
  expect(stored.startsWith("scrypt$17$8$1$")).toBe(true);
  expect(await verifyPassword("correct horse battery", stored)).toBe(true);
});

test("malformed or out-of-bounds stored hashes never verify", async () => {
  const stored = await hashPassword("correct horse battery", FAST);
  const parts = stored.split("$");
  for (const bad of [
    "",
    "plain",
    stored.replace("scrypt", "bcrypt"),
    ["scrypt", "30", "8", "1", parts[4], parts[5]].join("$"),
    ["scrypt", "10", "99", "1", parts[4], parts[5]].join("$"),
    ["scrypt", "10", "8", "1", parts[4], "c2hvcnQ="].join("$"),
  ]) {
    expect(await verifyPassword("correct horse battery", bad)).toBe(false);
  }
});

test("needsRehash flags weaker parameters", async () => {
  expect(needsRehash(await hashPassword("correct horse battery", FAST))).toBe(true);
  expect(needsRehash("garbage")).toBe(true);
});

test("the policy reports every problem", () => {
  expect(checkPasswordPolicy("correct horse battery", "alice")).toEqual([]);
  expect(checkPasswordPolicy("short").map((i) => i.code)).toEqual(["too-short"]);
  expect(checkPasswordPolicy("Alice-the-admin", "alice-the-admin").map((i) => i.code)).toEqual(["same-as-username"]);
  expect(checkPasswordPolicy("x".repeat(1025)).map((i) => i.code)).toEqual(["too-long"]);
  expect(checkPasswordPolicy("bad\ncontrol-chars").map((i) => i.code)).toEqual(["control-characters"]);
});
