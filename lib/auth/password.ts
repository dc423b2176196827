import "server-only";
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/** scrypt cost parameters; stored in every hash, so they can be raised without breaking old hashes. */
export type ScryptParams = { log2N: number; r: number; p: number };

/** OWASP's recommended minimum for scrypt (N = 2^17, r = 8, p = 1: 128 MiB, ~0.3 s). */
export const SCRYPT_DEFAULTS: ScryptParams = { log2N: 17, r: 8, p: 1 };

/** Bounds on parameters read back from a stored hash, so a tampered row cannot make a login exhaust memory. */
const SCRYPT_LIMITS = { log2N: 20, r: 16, p: 4 };

const SALT_BYTES = 16;
const HASH_BYTES = 64;

/** Shortest password accepted for a new user. */
export const PASSWORD_MIN_LENGTH = 12;
/** Longest password accepted (characters); bounds the work per login. */
export const PASSWORD_MAX_LENGTH = 1024;

/** Why a new password is refused. */
export type PasswordIssue = {
  code: "too-short" | "too-long" | "same-as-username" | "control-characters";
  message: string;
};

/** Checks a new password against the policy; returns every issue (empty when acceptable). */
export function checkPasswordPolicy(password: string, username?: string): PasswordIssue[] {
  const issues: PasswordIssue[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) {
    issues.push({ code: "too-short", message: `use at least ${PASSWORD_MIN_LENGTH} characters` });
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    issues.push({ code: "too-long", message: `use at most ${PASSWORD_MAX_LENGTH} characters` });
  }
  if (username !== undefined && password.toLowerCase() === username.toLowerCase()) {
    issues.push({ code: "same-as-username", message: "the password must differ from the user name" });
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(password)) {
    issues.push({ code: "control-characters", message: "the password must not contain control characters" });
  }
  return issues;
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.log2N;
  const maxmem = 128 * N * params.r * params.p + 32 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFC"), salt, HASH_BYTES, { N, r: params.r, p: params.p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * Hashes a password with scrypt and a random 16-byte salt, off the main thread. The result is
 * self-describing: `scrypt$log2N$r$p$salt$hash` (base64), so parameters can change later.
 */
export async function hashPassword(password: string, params: ScryptParams = SCRYPT_DEFAULTS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, params);
  return ["scrypt", params.log2N, params.r, params.p, salt.toString("base64"), hash.toString("base64")].join("$");
}

function parseStored(stored: string): { params: ScryptParams; salt: Buffer; hash: Buffer } | null {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [log2N, r, p] = parts.slice(1, 4).map((part) => (/^\d{1,2}$/.test(part) ? Number(part) : Number.NaN));
  if (log2N === undefined || r === undefined || p === undefined) return null;
  if (
    !(log2N >= 1 && log2N <= SCRYPT_LIMITS.log2N && r >= 1 && r <= SCRYPT_LIMITS.r && p >= 1 && p <= SCRYPT_LIMITS.p)
  ) {
    return null;
  }
  const salt = Buffer.from(parts[4] ?? "", "base64");
  const hash = Buffer.from(parts[5] ?? "", "base64");
  if (salt.length < 8 || hash.length !== HASH_BYTES) return null;
  return { params: { log2N, r, p }, salt, hash };
}

/**
 * True when `password` matches `stored`, compared in constant time. A malformed or out-of-bounds
 * stored hash never matches (and costs no scrypt work beyond the bounds).
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed) return false;
  const candidate = await derive(password, parsed.salt, parsed.params);
  return timingSafeEqual(candidate, parsed.hash);
}

/** True when a stored hash uses weaker parameters than `params` (re-hash it at the next login). */
export function needsRehash(stored: string, params: ScryptParams = SCRYPT_DEFAULTS): boolean {
  const parsed = parseStored(stored);
  if (!parsed) return true;
  return parsed.params.log2N < params.log2N || parsed.params.r < params.r || parsed.params.p < params.p;
}
