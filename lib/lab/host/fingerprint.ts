import "server-only";
import { createHash } from "node:crypto";

/**
 * OpenSSH SHA256 fingerprint (`SHA256:` + unpadded base64, as `ssh-keygen -lf` prints) of a public key
 * line such as `ssh-ed25519 AAAA… comment`, or of the raw key blob.
 */
export function sshFingerprint(publicKey: string | Buffer): string {
  let blob: Buffer;
  if (typeof publicKey === "string") {
    const [type, field] = publicKey.trim().split(/\s+/);
    blob = Buffer.from(field && /^[A-Za-z0-9+/]+={0,2}$/.test(field) ? field : "", "base64");
    // The blob starts with its own key type as an SSH string: a cheap check that this is a key line.
    const length = blob.length >= 4 ? blob.readUInt32BE(0) : -1;
    if (!type || length <= 0 || blob.subarray(4, 4 + length).toString() !== type) {
      throw new Error("not an OpenSSH public key line (expected '<type> <base64> [comment]')");
    }
  } else {
    blob = publicKey;
  }
  return `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
}
