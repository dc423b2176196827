import { Secret, TOTP } from "otpauth";
import { expect, test } from "vitest";
import { login } from "../../lib/auth/login";
import { createSession, getSession } from "../../lib/auth/sessions";
import { confirmTotpEnrolment, startTotpEnrolment, totpEnabled } from "../../lib/auth/totp";
import { getUserByName } from "../../lib/auth/users";
import { randomSecretKey } from "../../lib/secrets/testing";
import { openTestStore } from "../../lib/store/testing";
import { CliError } from "../errors";
import { createUsersCommand } from "./users";

function harness(password = "a long enough password") {
  const store = openTestStore();
  const chunks: string[] = [];
  const stdout = { write: (chunk: string) => chunks.push(chunk) > 0 } as unknown as NodeJS.WritableStream;
  const command = createUsersCommand({
    open: () => ({ ok: true, value: { ...store, close: () => undefined } }),
    stdout,
    readPassword: async () => password,
  });
  return { store, command, output: () => chunks.join("") };
}

test("add reads the password from stdin (never argv), and the account signs in with its role", async () => {
  const { store, command, output } = harness();
  expect(await command.run(["add", "olga", "--role", "operator"])).toBe(0);
  expect(output()).toBe("added olga (operator)\n");
  expect(output()).not.toContain("a long enough password");
  const signedIn = await login(store, { username: "olga", password: "a long enough password", ip: "direct" });
  expect(signedIn).toMatchObject({ ok: true, value: { user: { role: "operator" } } });
});

test("a weak password, an unknown role or a missing name is refused with the reason", async () => {
  const { command } = harness("short");
  await expect(command.run(["add", "olga", "--role", "operator"])).rejects.toThrow(/at least 12 characters/);
  await expect(command.run(["add", "olga", "--role", "root"])).rejects.toThrow(/--role must be one of/);
  await expect(command.run(["add", "--role", "viewer"])).rejects.toBeInstanceOf(CliError);
});

test("role changes and removal; the last admin cannot be demoted or removed", async () => {
  const { store, command, output } = harness();
  await command.run(["add", "ada", "--role", "admin"]);
  await command.run(["add", "vic", "--role", "viewer"]);
  expect(await command.run(["role", "vic", "--role", "operator"])).toBe(0);
  expect(getUserByName(store, "vic")?.role).toBe("operator");
  await expect(command.run(["role", "ada", "--role", "viewer"])).rejects.toThrow(/last admin/);
  await expect(command.run(["remove", "ada"])).rejects.toThrow(/last admin/);
  expect(await command.run(["remove", "vic"])).toBe(0);
  await command.run(["list"]);
  expect(output()).toMatch(/^ada\tadmin\t/m);
  expect(output()).not.toMatch(/^vic\t/m);
});

test("reset sets a new password from stdin and ends every session of that user", async () => {
  let password = "the first long password";
  const store = openTestStore();
  const stdout = { write: () => true } as unknown as NodeJS.WritableStream;
  const command = createUsersCommand({
    open: () => ({ ok: true, value: { ...store, close: () => undefined } }),
    stdout,
    readPassword: async () => password,
  });
  expect(await command.run(["add", "olga", "--role", "admin"])).toBe(0);
  const before = await login(store, { username: "olga", password, ip: "10.0.0.1" });
  if (!before.ok) throw new Error(before.error.message);
  password = "a brand new long password";
  expect(await command.run(["reset", "olga"])).toBe(0);
  expect(getSession(store, before.value.token)).toMatchObject({ ok: false });
  expect(await login(store, { username: "olga", password: "the first long password", ip: "10.0.0.1" })).toMatchObject({
    ok: false,
  });
  expect(await login(store, { username: "olga", password, ip: "10.0.0.1" })).toMatchObject({ ok: true });
  await expect(command.run(["reset", "nobody"])).rejects.toThrow(/no user named 'nobody'/);
}, 60_000);

test("sessions lists live sessions without their tokens; signout ends them all", async () => {
  const { store, command, output } = harness();
  expect(await command.run(["add", "olga", "--role", "viewer"])).toBe(0);
  const user = getUserByName(store, "olga");
  if (!user) throw new Error("no user");
  const first = createSession(store, user.id);
  createSession(store, user.id);
  expect(await command.run(["sessions", "olga"])).toBe(0);
  const lines = output().trim().split("\n").slice(1);
  expect(lines).toHaveLength(2);
  expect(output()).not.toContain(first.token);
  expect(await command.run(["signout", "olga"])).toBe(0);
  expect(output()).toContain("ended 2 session(s) of olga");
  expect(getSession(store, first.token)).toMatchObject({ ok: false });
}, 30_000);

test("2fa-off turns an admin's two-factor sign-in off (lost app and recovery codes): the password alone signs in again", async () => {
  const { store, command, output } = harness();
  await command.run(["add", "ada", "--role", "admin"]);
  const user = getUserByName(store, "ada");
  if (!user) throw new Error("no ada");
  const key = randomSecretKey();
  const started = startTotpEnrolment(store, key, user);
  if (!started.ok) throw new Error(started.error.message);
  const code = new TOTP({ secret: Secret.fromBase32(started.value.secret) }).generate({
    timestamp: store.now().getTime(),
  });
  expect(confirmTotpEnrolment(store, key, user.id, code).ok).toBe(true);
  const attempt = () => login(store, { username: "ada", password: "a long enough password", ip: "10.0.0.9" });
  expect(await attempt()).toMatchObject({ ok: false, error: { code: "second-factor-required" } });
  expect(await command.run(["2fa-off", "ada"])).toBe(0);
  expect(output()).toContain("two-factor sign-in turned off for ada\n");
  expect(totpEnabled(store, user.id)).toBe(false);
  expect((await attempt()).ok).toBe(true);
}, 60_000);
