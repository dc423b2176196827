import { expect, test } from "vitest";
import { hasRole, requireRole, type Session } from "./roles";

const session = (role: Session["role"]): Session => ({
  userId: "u1",
  userName: "alice",
  role,
  createdAt: "2025-01-01T00:00:00.000Z",
  expiresAt: "2025-01-01T12:00:00.000Z",
});

test("roles are ordered viewer < operator < admin", () => {
  expect(hasRole("admin", "operator")).toBe(true);
  expect(hasRole("operator", "operator")).toBe(true);
  expect(hasRole("viewer", "operator")).toBe(false);
  expect(hasRole("operator", "admin")).toBe(false);
});

test("requireRole: no session is 401, too low a role is 403, enough passes the session through", () => {
  expect(requireRole(null, "viewer")).toMatchObject({ ok: false, error: { code: "unauthenticated", status: 401 } });
  expect(requireRole(undefined, "viewer")).toMatchObject({
    ok: false,
    error: { code: "unauthenticated", status: 401 },
  });
  expect(requireRole(session("viewer"), "operator")).toMatchObject({
    ok: false,
    error: { code: "forbidden", status: 403, required: "operator", actual: "viewer" },
  });
  expect(requireRole(session("admin"), "operator")).toEqual({ ok: true, value: session("admin") });
});
