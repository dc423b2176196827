import "server-only";
import { createHash } from "node:crypto";

/**
 * OpenSSH-style fingerprint of a raw host key blob (the SSH wire encoding that ssh2 hands to
 * `hostVerifier`): `SHA256:` plus unpadded base64, exactly what `ssh-keygen -lf key.pub` prints.
 */
export function fingerprintOf(keyBlob: Buffer): string {
  return `SHA256:${createHash("sha256").update(keyBlob).digest("base64").replace(/=+$/, "")}`;
}

/** Key type named at the start of a host key blob (e.g. `ssh-ed25519`), for error messages. */
export function keyTypeOf(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return "unknown key type";
  const length = keyBlob.readUInt32BE(0);
  const type = keyBlob.subarray(4, 4 + Math.min(length, 64)).toString("latin1");
  return /^[a-z0-9@.-]{1,64}$/.test(type) ? type : "unknown key type";
}
