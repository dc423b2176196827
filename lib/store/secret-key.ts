import "server-only";
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { closeSync, constants, fstatSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { inspect } from "node:util";
import { err, ok, type Result } from "./result";

/** Where the key file lives unless `CROSSNET_SECRET_KEY_FILE` or an explicit path says otherwise. */
export const DEFAULT_KEY_PATH = "./data/secret.key";

/** Length of an AES-256 key. */
export const KEY_BYTES = 32;

/** An AES-256-GCM ciphertext with its nonce and authentication tag. */
export type Sealed = { ciphertext: Buffer; iv: Buffer; tag: Buffer };

/**
 * The master key that encrypts stored secrets. The bytes stay inside this object: it encrypts,
 * decrypts and MACs, but never hands the key out, and it prints and serialises as `[SecretKey …]`.
 */
export class SecretKey {
  readonly #bytes: Buffer;
  /** A short, non-secret identifier of the key, stored beside each ciphertext to tell "wrong key" from "tampered". */
  readonly id: string;

  constructor(bytes: Buffer) {
    if (bytes.length !== KEY_BYTES) throw new Error(`a secret key is ${KEY_BYTES} bytes`);
    this.#bytes = Buffer.from(bytes);
    this.id = createHash("sha256").update("crossnet-secret-key-id\0").update(this.#bytes).digest("hex").slice(0, 16);
  }

  /** Encrypts with a fresh random 96-bit nonce; `aad` binds the ciphertext to its row (host, kind). */
  seal(plaintext: Buffer, aad: string): Sealed {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.#bytes, iv);
    cipher.setAAD(Buffer.from(aad, "utf8"));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { ciphertext, iv, tag: cipher.getAuthTag() };
  }

  /** Decrypts and authenticates; `null` when the key, the AAD or any byte of the ciphertext is wrong. */
  open(sealed: Sealed, aad: string): Buffer | null {
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.#bytes, sealed.iv, { authTagLength: 16 });
      decipher.setAAD(Buffer.from(aad, "utf8"));
      decipher.setAuthTag(sealed.tag);
      return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
    } catch {
      return null;
    }
  }

  /** HMAC-SHA256 under a sub-key derived for `purpose` (HKDF), e.g. a password's display fingerprint. */
  mac(purpose: string, data: Buffer): Buffer {
    const subKey = Buffer.from(hkdfSync("sha256", this.#bytes, Buffer.alloc(0), `crossnet:${purpose}`, 32));
    return createHmac("sha256", subKey).update(data).digest();
  }

  toJSON(): string {
    return `[SecretKey ${this.id}]`;
  }

  toString(): string {
    return `[SecretKey ${this.id}]`;
  }

  [inspect.custom](): string {
    return `[SecretKey ${this.id}]`;
  }
}

export type KeyError =
  | { code: "invalid-env-key"; message: string }
  | { code: "key-missing"; message: string; path: string }
  | { code: "key-file-permissions"; message: string; path: string; mode: number }
  | { code: "key-file-owner"; message: string; path: string }
  | { code: "invalid-key-file"; message: string; path: string }
  | { code: "key-file-unreadable"; message: string; path: string };

/** The key and where it came from. `created` is true when this call generated a new key file. */
export type LoadedKey = { key: SecretKey; source: "env" | "file"; path: string | null; created: boolean };

export type LoadKeyOptions = {
  env?: Readonly<Record<string, string | undefined>>;
  /** Key file path; default `CROSSNET_SECRET_KEY_FILE`, else {@link DEFAULT_KEY_PATH}. */
  path?: string;
  /** Create the key file when it does not exist (default true). */
  create?: boolean;
};

/** Decodes strict base64 of exactly 32 bytes, or `null`. */
export function decodeKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) return null;
  const bytes = Buffer.from(trimmed, "base64");
  return bytes.length === KEY_BYTES ? bytes : null;
}

function readKeyFile(path: string): Result<LoadedKey, KeyError> {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      return err({ code: "key-missing", message: `no key file at ${path} and CROSSNET_SECRET_KEY is not set`, path });
    }
    const reason = code === "ELOOP" ? "it is a symbolic link" : (code ?? "unreadable");
    return err({ code: "key-file-unreadable", message: `cannot use key file ${path}: ${reason}`, path });
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile())
      return err({ code: "key-file-unreadable", message: `key file ${path} is not a regular file`, path });
    if (process.platform !== "win32") {
      const mode = stat.mode & 0o777;
      if ((mode & 0o077) !== 0) {
        return err({
          code: "key-file-permissions",
          message: `key file ${path} has mode ${mode.toString(8).padStart(4, "0")}; refusing to use a key others can read. Run: chmod 600 ${path}`,
          path,
          mode,
        });
      }
      if (typeof process.getuid === "function" && stat.uid !== process.getuid()) {
        return err({
          code: "key-file-owner",
          message: `key file ${path} belongs to another user (uid ${stat.uid})`,
          path,
        });
      }
    }
    const bytes = decodeKey(readFileSync(fd, "utf8"));
    if (!bytes) {
      return err({
        code: "invalid-key-file",
        message: `key file ${path} must hold base64 of exactly ${KEY_BYTES} bytes`,
        path,
      });
    }
    return ok({ key: new SecretKey(bytes), source: "file", path, created: false });
  } finally {
    closeSync(fd);
  }
}

function createKeyFile(path: string): "created" | "exists" {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return "exists";
    throw error;
  }
  try {
    writeSync(fd, `${randomBytes(KEY_BYTES).toString("base64")}\n`);
  } finally {
    closeSync(fd);
  }
  return "created";
}

/**
 * Loads the master key from `CROSSNET_SECRET_KEY` (base64 of 32 bytes) or from the key file,
 * creating the file (mode 0600, exclusive create, no symlinks) on first use. Refuses a key file
 * that group or others can access, or that another user owns, as OpenSSH does for private keys.
 * Error messages never include key material.
 */
export function loadSecretKey(options: LoadKeyOptions = {}): Result<LoadedKey, KeyError> {
  const env = options.env ?? process.env;
  const fromEnv = env.CROSSNET_SECRET_KEY;
  if (fromEnv !== undefined && fromEnv.trim() !== "") {
    const bytes = decodeKey(fromEnv);
    if (!bytes) {
      return err({
        code: "invalid-env-key",
        message: `CROSSNET_SECRET_KEY must be base64 of exactly ${KEY_BYTES} bytes (e.g. from: openssl rand -base64 32)`,
      });
    }
    return ok({ key: new SecretKey(bytes), source: "env", path: null, created: false });
  }
  const path = options.path ?? (env.CROSSNET_SECRET_KEY_FILE?.trim() || DEFAULT_KEY_PATH);
  const first = readKeyFile(path);
  if (first.ok || first.error.code !== "key-missing" || options.create === false) return first;
  let created: "created" | "exists";
  try {
    created = createKeyFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "error";
    return err({ code: "key-file-unreadable", message: `cannot create key file ${path}: ${reason}`, path });
  }
  const loaded = readKeyFile(path);
  return loaded.ok ? ok({ ...loaded.value, created: created === "created" }) : loaded;
}
