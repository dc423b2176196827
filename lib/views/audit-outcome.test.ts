import { expect, test } from "vitest";
import { auditOutcome } from "./audit-outcome";

test("HTTP 2xx and 3xx answers are successes, 4xx and 5xx failures", () => {
  expect(auditOutcome({ kind: "api", exitCode: 200 })).toBe("ok");
  expect(auditOutcome({ kind: "api", exitCode: 201 })).toBe("ok");
  expect(auditOutcome({ kind: "api", exitCode: 304 })).toBe("ok");
  expect(auditOutcome({ kind: "api", exitCode: 404 })).toBe("failed");
  expect(auditOutcome({ kind: "api", exitCode: 500 })).toBe("failed");
});

test("a command succeeds only with exit code 0", () => {
  expect(auditOutcome({ kind: "command", exitCode: 0 })).toBe("ok");
  expect(auditOutcome({ kind: "command", exitCode: 1 })).toBe("failed");
  expect(auditOutcome({ kind: "command", exitCode: 255 })).toBe("failed");
});

test("events and rows without a code (intent rows) are neither", () => {
  expect(auditOutcome({ kind: "event", exitCode: null })).toBe("none");
  expect(auditOutcome({ kind: "command", exitCode: null })).toBe("none");
  expect(auditOutcome({ kind: "api", exitCode: null })).toBe("none");
});
