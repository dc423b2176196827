import { expect, test } from "vitest";
import { decideLoginRate, LOGIN_RATE_LIMIT, normalizeUserName, userDelayMs } from "./rate-limit";

const NOW = new Date("2025-01-01T01:00:00.000Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();

test("four failures still allow a fifth attempt", () => {
  expect(decideLoginRate({ userIp: [1, 2, 3, 4].map(minutesAgo), ip: [], user: [] }, NOW)).toEqual({
    allowed: true,
    delayMs: 0,
  });
});

test("five failures block until the oldest leaves the 15-minute window", () => {
  const failures = [10, 8, 6, 4, 2].map(minutesAgo);
  expect(decideLoginRate({ userIp: failures, ip: failures, user: failures }, NOW)).toEqual({
    allowed: false,
    scope: "user-ip",
    retryAfterMs: 5 * 60_000,
  });
});

test("with more failures than the limit, the block lasts until enough have expired", () => {
  const failures = [14, 12, 10, 8, 6, 4].map(minutesAgo);
  expect(decideLoginRate({ userIp: failures, ip: [], user: [] }, NOW)).toMatchObject({
    allowed: false,
    retryAfterMs: 3 * 60_000,
  });
});

test("many failures from one IP across names block that IP", () => {
  const ip = Array.from({ length: LOGIN_RATE_LIMIT.maxPerIp }, () => minutesAgo(1));
  expect(decideLoginRate({ userIp: [], ip, user: [] }, NOW)).toMatchObject({ allowed: false, scope: "ip" });
});

test("a custom policy applies", () => {
  expect(
    decideLoginRate({ userIp: [minutesAgo(0.5)], ip: [], user: [] }, NOW, {
      ...LOGIN_RATE_LIMIT,
      windowMs: 60_000,
      maxPerUserIp: 1,
      maxPerIp: 9,
    }),
  ).toEqual({
    allowed: false,
    scope: "user-ip",
    retryAfterMs: 30_000,
  });
});

test("user names are compared trimmed and case-insensitively", () => {
  expect(normalizeUserName("  Alice ")).toBe("alice");
});

test("failures on a user from anywhere slow the next attempt, doubling to a cap, and never refuse it", () => {
  expect([0, 4, 5, 6, 7, 9, 50].map((n) => userDelayMs(n))).toEqual([0, 0, 500, 1000, 2000, 8000, 8000]);
  const many = Array.from({ length: 500 }, () => minutesAgo(1));
  expect(decideLoginRate({ userIp: [], ip: [], user: many }, NOW)).toEqual({ allowed: true, delayMs: 8000 });
});

test("from an unknown address (no crossnet serve in front) nothing is blocked, attempts are only slowed", () => {
  const many = Array.from({ length: 60 }, () => minutesAgo(1));
  expect(decideLoginRate({ userIp: many, ip: many, user: many }, NOW, LOGIN_RATE_LIMIT, "unknown")).toEqual({
    allowed: true,
    delayMs: 8000,
  });
});
