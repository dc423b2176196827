import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** Bytes of randomness in session ids and setup tokens. */
export const TOKEN_BYTES = 32;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** A new random token: 32 bytes from the CSPRNG, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

/** True when `text` has the shape of a token from {@link newToken}; checked before any lookup. */
export function isTokenShaped(text: string): boolean {
  return TOKEN_SHAPE.test(text);
}

/**
 * SHA-256 (hex) of a token: what the database stores, so a leaked database does not yield usable
 * sessions or setup tokens. A fast hash is enough for 256-bit random tokens (no guessing possible).
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
