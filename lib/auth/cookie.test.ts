import { expect, test } from "vitest";
import { clearedSessionCookie, readSessionToken, serializeCookie, sessionCookie } from "./cookie";

const NOW = new Date("2025-01-01T00:00:00.000Z");
const EXPIRES = new Date("2025-01-01T12:00:00.000Z");

test("the session cookie is HttpOnly, SameSite=Strict, Path=/ and expires with the session", () => {
  const spec = sessionCookie("tok", EXPIRES, { secure: false, now: NOW });
  expect(spec).toEqual({
    name: "crossnet_session",
    value: "tok",
    options: { httpOnly: true, sameSite: "strict", secure: false, path: "/", maxAge: 43200, expires: EXPIRES },
  });
  expect(serializeCookie(spec)).toBe(
    "crossnet_session=tok; Path=/; Max-Age=43200; Expires=Wed, 01 Jan 2025 12:00:00 GMT; HttpOnly; SameSite=Strict",
  );
});

test("over HTTPS the cookie is Secure and __Host- prefixed", () => {
  const spec = sessionCookie("tok", EXPIRES, { secure: true, now: NOW });
  expect(spec.name).toBe("__Host-crossnet_session");
  expect(serializeCookie(spec).endsWith("; HttpOnly; SameSite=Strict; Secure")).toBe(true);
});

test("clearing sets an empty, expired cookie of the same name", () => {
  expect(serializeCookie(clearedSessionCookie({ secure: false }))).toBe(
    "crossnet_session=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict",
  );
});

test("readSessionToken finds the cookie by its exact name", () => {
  expect(readSessionToken("a=1; crossnet_session=tok; b=2", { secure: false })).toBe("tok");
  expect(readSessionToken("xcrossnet_session=tok", { secure: false })).toBeNull();
  expect(readSessionToken("crossnet_session=tok", { secure: true })).toBeNull();
  expect(readSessionToken("__Host-crossnet_session=tok", { secure: true })).toBe("tok");
  expect(readSessionToken(null, { secure: false })).toBeNull();
  expect(readSessionToken("crossnet_session=%E0%A4%A", { secure: false })).toBeNull();
});
