import { createHash, generateKeyPairSync, randomBytes } from "node:crypto";
import { SecretKey } from "../store/secret-key";

/** A fresh random master key (tests). */
export function randomSecretKey(): SecretKey {
  return new SecretKey(randomBytes(32));
}

function sshString(data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, data]);
}

function mpint(base64url: string): Buffer {
  let bytes = Buffer.from(base64url, "base64url");
  while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.subarray(1);
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.alloc(1), bytes]);
  return sshString(bytes);
}

/**
 * A throwaway RSA private key in PEM (PKCS#1, which ssh2 reads) and its OpenSSH fingerprint,
 * computed independently from the public key's wire format (as `ssh-keygen -lf` does).
 */
export function testRsaKey(): { pem: string; fingerprint: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
  const jwk = publicKey.export({ format: "jwk" });
  const wire = Buffer.concat([sshString(Buffer.from("ssh-rsa")), mpint(jwk.e ?? ""), mpint(jwk.n ?? "")]);
  const digest = createHash("sha256").update(wire).digest("base64").replace(/=+$/, "");
  return {
    pem: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
    fingerprint: `ssh-rsa SHA256:${digest}`,
  };
}
