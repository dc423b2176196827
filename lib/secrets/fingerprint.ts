import "server-only";
import { createHash } from "node:crypto";
import ssh2 from "ssh2";
import { err, ok, type Result } from "../store/result";
import type { SecretKey } from "../store/secret-key";

/** Largest private key accepted (bytes). */
export const PRIVATE_KEY_MAX_BYTES = 64 * 1024;

/** Longest password accepted (bytes). */
export const PASSWORD_MAX_BYTES = 4096;

export type FingerprintError =
  | { code: "invalid-private-key"; message: string }
  | { code: "encrypted-private-key"; message: string }
  | { code: "invalid-password"; message: string };

/**
 * The display fingerprint of a private key: its type and the OpenSSH SHA256 fingerprint of the
 * public half (`ssh-ed25519 SHA256:…`, as `ssh-keygen -lf` prints). Keys ssh2 cannot parse are
 * refused, since the SSH transport could not use them either. Error messages never quote the key.
 */
export function fingerprintPrivateKey(privateKey: Buffer): Result<string, FingerprintError> {
  if (privateKey.length === 0 || privateKey.length > PRIVATE_KEY_MAX_BYTES) {
    return err({ code: "invalid-private-key", message: `a private key is 1-${PRIVATE_KEY_MAX_BYTES} bytes` });
  }
  const parsed = ssh2.utils.parseKey(privateKey);
  if (parsed instanceof Error) {
    if (/encrypted|passphrase/i.test(parsed.message)) {
      return err({
        code: "encrypted-private-key",
        message:
          "the private key is protected by a passphrase; store it without one (Crossnet encrypts it at rest): ssh-keygen -p -N '' -f KEYFILE",
      });
    }
    return err({
      code: "invalid-private-key",
      message:
        "not a private key the SSH transport can use (OpenSSH format, or PEM RSA/ECDSA); PKCS#8 is not supported",
    });
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || (Array.isArray(parsed) && parsed.length !== 1) || !key.isPrivateKey()) {
    return err({ code: "invalid-private-key", message: "expected exactly one private key" });
  }
  const digest = createHash("sha256").update(key.getPublicSSH()).digest("base64").replace(/=+$/, "");
  return ok(`${key.type} SHA256:${digest}`);
}

/**
 * A display fingerprint for a password: a keyed HMAC (under the master key), so two hosts with the
 * same password show the same tag, while a stolen database alone does not allow guessing it.
 */
export function fingerprintPassword(key: SecretKey, password: Buffer): Result<string, FingerprintError> {
  if (password.length === 0 || password.length > PASSWORD_MAX_BYTES || password.includes(0)) {
    return err({ code: "invalid-password", message: `a password is 1-${PASSWORD_MAX_BYTES} bytes without NUL` });
  }
  return ok(`password HMAC:${key.mac("password-fingerprint", password).toString("hex").slice(0, 12)}`);
}
