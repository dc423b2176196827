import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { decodeKey, loadSecretKey, SecretKey } from "./secret-key";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "crossnet-key-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const B64 = randomBytes(32).toString("base64");

describe("loadSecretKey", () => {
  test("prefers CROSSNET_SECRET_KEY and never touches the file then", () => {
    const path = join(dir, "secret.key");
    const loaded = loadSecretKey({ env: { CROSSNET_SECRET_KEY: B64 }, path });
    expect(loaded).toMatchObject({ ok: true, value: { source: "env", path: null, created: false } });
    expect(() => statSync(path)).toThrow();
  });

  test("refuses an env key that is not base64 of 32 bytes, without echoing it", () => {
    const bad = randomBytes(16).toString("base64");
    const loaded = loadSecretKey({ env: { CROSSNET_SECRET_KEY: bad } });
    expect(loaded).toMatchObject({ ok: false, error: { code: "invalid-env-key" } });
    expect(JSON.stringify(loaded)).not.toContain(bad);
  });

  test("creates the key file on first use with mode 0600, then reuses it", () => {
    const path = join(dir, "nested", "secret.key");
    const first = loadSecretKey({ env: {}, path });
    expect(first).toMatchObject({ ok: true, value: { source: "file", path, created: true } });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, "nested")).mode & 0o777).toBe(0o700);
    expect(decodeKey(readFileSync(path, "utf8"))).not.toBeNull();
    const second = loadSecretKey({ env: {}, path });
    expect(second).toMatchObject({ ok: true, value: { created: false } });
    if (first.ok && second.ok) expect(second.value.key.id).toBe(first.value.key.id);
  });

  test("CROSSNET_SECRET_KEY_FILE moves the key file", () => {
    const path = join(dir, "elsewhere.key");
    expect(loadSecretKey({ env: { CROSSNET_SECRET_KEY_FILE: path } })).toMatchObject({ ok: true, value: { path } });
  });

  test("does not create a file when told not to", () => {
    const path = join(dir, "secret.key");
    expect(loadSecretKey({ env: {}, path, create: false })).toMatchObject({
      ok: false,
      error: { code: "key-missing" },
    });
  });

  test.each([0o644, 0o640, 0o604, 0o660])("refuses a key file with mode %o", (mode) => {
    const path = join(dir, "secret.key");
    writeFileSync(path, `${B64}\n`, { mode: 0o600 });
    chmodSync(path, mode);
    const loaded = loadSecretKey({ env: {}, path });
    expect(loaded).toMatchObject({ ok: false, error: { code: "key-file-permissions", mode } });
    expect(JSON.stringify(loaded)).toContain("chmod 600");
    expect(JSON.stringify(loaded)).not.toContain(B64);
  });

  test("accepts mode 0400", () => {
    const path = join(dir, "secret.key");
    writeFileSync(path, `${B64}\n`, { mode: 0o400 });
    expect(loadSecretKey({ env: {}, path }).ok).toBe(true);
  });

  test("refuses a symbolic link", () => {
    const target = join(dir, "real.key");
    writeFileSync(target, `${B64}\n`, { mode: 0o600 });
    const path = join(dir, "secret.key");
    symlinkSync(target, path);
    expect(loadSecretKey({ env: {}, path })).toMatchObject({ ok: false, error: { code: "key-file-unreadable" } });
  });

  test("refuses a key file with the wrong content, without echoing it", () => {
    const path = join(dir, "secret.key");
    writeFileSync(path, "not-a-key-but-maybe-something-secret\n", { mode: 0o600 });
    const loaded = loadSecretKey({ env: {}, path });
    expect(loaded).toMatchObject({ ok: false, error: { code: "invalid-key-file" } });
    expect(JSON.stringify(loaded)).not.toContain("maybe-something-secret");
  });

  test.runIf(process.getuid?.() === 0)("refuses a key file owned by another user", () => {
    const path = join(dir, "secret.key");
    writeFileSync(path, `${B64}\n`, { mode: 0o600 });
    chownSync(path, 12345, 12345);
    expect(loadSecretKey({ env: {}, path })).toMatchObject({ ok: false, error: { code: "key-file-owner" } });
  });
});

describe("SecretKey", () => {
  test("round-trips with the same key and AAD, and fails otherwise", () => {
    const key = new SecretKey(randomBytes(32));
    const sealed = key.seal(Buffer.from("hello"), "aad");
    expect(sealed.iv).toHaveLength(12);
    expect(sealed.tag).toHaveLength(16);
    expect(key.open(sealed, "aad")?.toString()).toBe("hello");
    expect(key.open(sealed, "other")).toBeNull();
    expect(new SecretKey(randomBytes(32)).open(sealed, "aad")).toBeNull();
    const flipped = Buffer.from(sealed.ciphertext);
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(key.open({ ...sealed, ciphertext: flipped }, "aad")).toBeNull();
  });

  test("uses a fresh nonce for every encryption", () => {
    const key = new SecretKey(randomBytes(32));
    const a = key.seal(Buffer.from("same"), "x");
    const b = key.seal(Buffer.from("same"), "x");
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
  });

  test("never shows its bytes when printed or serialised", () => {
    const bytes = randomBytes(32);
    const key = new SecretKey(bytes);
    const shown = [
      JSON.stringify({ key }),
      String(key),
      `${key}`,
      inspect(key),
      inspect({ key }, { showHidden: true }),
    ];
    for (const text of shown) {
      expect(text).not.toContain(bytes.toString("base64"));
      expect(text).not.toContain(bytes.toString("hex"));
    }
    expect(() => new SecretKey(randomBytes(16))).toThrow(/32 bytes/);
  });
});
