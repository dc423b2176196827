import { expect, test } from "vitest";
import { hashToken, isTokenShaped, newToken } from "./tokens";

test("tokens are 43 base64url characters and unique", () => {
  const tokens = new Set(Array.from({ length: 100 }, newToken));
  expect(tokens.size).toBe(100);
  for (const token of tokens) expect(isTokenShaped(token)).toBe(true);
});

test("the stored form is a SHA-256 that does not contain the token", () => {
  const token = newToken();
  expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
  expect(hashToken(token)).toBe(hashToken(token));
  expect(hashToken(token)).not.toContain(token);
});

test("anything else is not token-shaped", () => {
  for (const text of ["", "abc", `${newToken()}x`, `${"a".repeat(42)}=`, `${"a".repeat(42)}/`]) {
    expect(isTokenShaped(text)).toBe(false);
  }
});
