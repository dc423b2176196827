import { expect, test } from "vitest";
import { checkOrigin, checkRequestOrigin } from "./origin";

test("safe methods pass without an Origin", () => {
  expect(checkOrigin({ method: "GET", origin: null, host: "127.0.0.1:3000" })).toEqual({ ok: true });
  expect(checkOrigin({ method: "head", origin: "https://evil.example", host: "127.0.0.1:3000" })).toEqual({ ok: true });
});

test("a same-origin POST passes", () => {
  expect(checkOrigin({ method: "POST", origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" })).toEqual({
    ok: true,
  });
  expect(checkOrigin({ method: "POST", origin: "https://Crossnet.Example", host: "crossnet.example:443" })).toEqual({
    ok: true,
  });
});

test.each([
  [{ origin: null, host: "127.0.0.1:3000" }, "missing-origin"],
  [{ origin: "null", host: "127.0.0.1:3000" }, "bad-origin"],
  [{ origin: "not a url", host: "127.0.0.1:3000" }, "bad-origin"],
  [{ origin: "file:///x", host: "127.0.0.1:3000" }, "bad-origin"],
  [{ origin: "http://127.0.0.1:3000", host: null }, "missing-host"],
  [{ origin: "http://evil.example", host: "127.0.0.1:3000" }, "cross-origin"],
  [{ origin: "http://127.0.0.1:3001", host: "127.0.0.1:3000" }, "cross-origin"],
  [{ origin: "http://localhost:3000", host: "127.0.0.1:3000" }, "cross-origin"],
  [{ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000/evil" }, "cross-origin"],
])("a POST with %j is refused as %s", (headers, code) => {
  expect(checkOrigin({ method: "POST", ...headers })).toMatchObject({ ok: false, code });
});

test("an allow-listed origin passes behind a reverse proxy", () => {
  expect(
    checkOrigin(
      { method: "DELETE", origin: "https://crossnet.example", host: "127.0.0.1:3000" },
      { allowedOrigins: ["https://crossnet.example"] },
    ),
  ).toEqual({ ok: true });
});

test("checkRequestOrigin reads fetch-style headers", () => {
  const headers = new Headers({ origin: "http://evil.example", host: "127.0.0.1:3000" });
  expect(checkRequestOrigin({ method: "POST", headers })).toMatchObject({ ok: false, code: "cross-origin" });
  expect(
    checkRequestOrigin({ method: "POST", headers: new Headers({ origin: "http://[::1]:3000", host: "[::1]:3000" }) }),
  ).toEqual({
    ok: true,
  });
});

test("session-policy helpers", async () => {
  const { expiryFrom, isExpired } = await import("./session-policy");
  const now = new Date("2025-01-01T00:00:00.000Z");
  expect(expiryFrom(now, 1000)).toBe("2025-01-01T00:00:01.000Z");
  expect(isExpired("2025-01-01T00:00:01.000Z", now)).toBe(false);
  expect(isExpired("2025-01-01T00:00:00.000Z", now)).toBe(true);
  expect(isExpired("garbage", now)).toBe(true);
});
