import { Secret, TOTP } from "otpauth";
import { expect, test } from "vitest";
import { randomSecretKey } from "../secrets/testing";
import { openTestStore } from "../store/testing";
import { login } from "./login";
import { confirmTotpEnrolment, startTotpEnrolment, totpEnabled, verifySecondFactor } from "./totp";
import { createUser } from "./users";

const FAST = { scrypt: { log2N: 10, r: 8, p: 1 } };
const PASSWORD = "admin correct horse battery";

async function admin() {
  const store = openTestStore();
  const created = await createUser(store, { name: "root", role: "admin", password: PASSWORD }, FAST);
  if (!created.ok) throw new Error(created.error.message);
  return { store, user: created.value, key: randomSecretKey() };
}

/** The code an authenticator app shows for `secret` at `at` (another TOTP instance, as a phone would be). */
const codeAt = (secret: string, at: Date) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({
    timestamp: at.getTime(),
  });

test("enrolment shows the secret once, takes effect only when a first code confirms it, and gives ten recovery codes", async () => {
  const { store, user, key } = await admin();
  const started = startTotpEnrolment(store, key, user);
  if (!started.ok) throw new Error(started.error.message);
  expect(started.value.uri).toMatch(/^otpauth:\/\/totp\/Crossnet:root\?.*secret=[A-Z2-7]{32}/);
  expect(totpEnabled(store, user.id)).toBe(false);
  // Not stored in clear.
  const raw = store.sqlite.prepare("SELECT ciphertext FROM user_totp").get() as { ciphertext: Buffer };
  expect(raw.ciphertext.toString("latin1")).not.toContain(started.value.secret);
  expect(confirmTotpEnrolment(store, key, user.id, "000000")).toMatchObject({ ok: false });
  const confirmed = confirmTotpEnrolment(store, key, user.id, codeAt(started.value.secret, store.now()));
  if (!confirmed.ok) throw new Error(confirmed.error.message);
  expect(confirmed.value.recoveryCodes).toHaveLength(10);
  expect(new Set(confirmed.value.recoveryCodes).size).toBe(10);
  expect(totpEnabled(store, user.id)).toBe(true);
  const stored = store.sqlite.prepare("SELECT code_hash FROM user_recovery_codes").all() as { code_hash: string }[];
  expect(stored.map((row) => row.code_hash).join()).not.toContain(confirmed.value.recoveryCodes[0]?.replace("-", ""));
  expect(startTotpEnrolment(store, key, user)).toMatchObject({ ok: false, error: { code: "already-enabled" } });
});

test("sign-in of an enrolled admin needs a current code, never the same code twice, or a recovery code once", async () => {
  const { store, user, key } = await admin();
  const started = startTotpEnrolment(store, key, user);
  if (!started.ok) throw new Error(started.error.message);
  const secret = started.value.secret;
  const confirmed = confirmTotpEnrolment(store, key, user.id, codeAt(secret, store.now()));
  if (!confirmed.ok) throw new Error(confirmed.error.message);
  const options = { ...FAST, secretKey: () => key, sleep: async () => {} };
  const attempt = (code: string | undefined, ip: string) =>
    login(store, { username: "root", password: PASSWORD, ip, ...(code === undefined ? {} : { code }) }, options);

  expect(await attempt(undefined, "10.0.0.1")).toMatchObject({ ok: false, error: { code: "second-factor-required" } });
  // The code that confirmed the enrolment (same time step) is spent.
  expect(await attempt(codeAt(secret, store.now()), "10.0.0.2")).toMatchObject({
    ok: false,
    error: { code: "invalid-credentials" },
  });
  store.clock.advance(30_000);
  const fresh = codeAt(secret, store.now());
  expect((await attempt(fresh, "10.0.0.3")).ok).toBe(true);
  expect((await attempt(fresh, "10.0.0.4")).ok).toBe(false);
  // A wrong password with a right code is still refused.
  store.clock.advance(30_000);
  const wrongPassword = await login(
    store,
    { username: "root", password: "not the password", ip: "10.0.0.5", code: codeAt(secret, store.now()) },
    options,
  );
  expect(wrongPassword.ok).toBe(false);

  const recovery = confirmed.value.recoveryCodes[3] ?? "";
  expect((await attempt(recovery.toUpperCase(), "10.0.0.6")).ok).toBe(true);
  expect((await attempt(recovery, "10.0.0.7")).ok).toBe(false);
  expect(verifySecondFactor(store, key, user.id, "12345-abcde")).toBe(false);
  // Without the secrets key the factor cannot be checked: refused, not skipped.
  store.clock.advance(30_000);
  const noKey = await login(
    store,
    { username: "root", password: PASSWORD, ip: "10.0.0.8", code: codeAt(secret, store.now()) },
    { ...options, secretKey: () => null },
  );
  expect(noKey.ok).toBe(false);
});
