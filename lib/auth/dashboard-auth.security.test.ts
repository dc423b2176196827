import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "../../proxy";
import { openTestStore } from "../store/testing";
import { completeSetup, ensureSetupToken } from "./bootstrap";
import { readSessionToken, serializeCookie, sessionCookie } from "./cookie";
import { strictTransportSecurity } from "./csp";
import {
  clientAddress,
  listenHostFromArgv,
  listenWarning,
  METHOD_HEADER,
  readDashboardConfig,
} from "./dashboard-config";
import { allowedHostNames, isAllowedHost } from "./host-allow";
import { login } from "./login";
import { safeNextPath } from "./next-path";
import { PEER_HEADER } from "./peer-address";
import { authorizeRequest } from "./request";
import { SESSION_TTL_MS } from "./session-policy";
import { revokeSession } from "./sessions";
import { createUser } from "./users";

/**
 * Requirement 7 end to end on a real (in-memory SQLite) store, through the same functions the
 * dashboard's `requireUser`, sign-in, setup and proxy use: one-time setup token, rate-limited
 * sign-in, the cookie's attributes, session + role + Origin on every request, the 127.0.0.1
 * default and its warning.
 */

const FAST = { scrypt: { log2N: 10, r: 8, p: 1 } };
const HOST = "127.0.0.1:3000";
const ORIGIN = `http://${HOST}`;
const LOOPBACK = { secure: false, allowedOrigins: [] as string[] };

function request(method: string, headers: Record<string, string>) {
  return { method, headers: new Headers({ host: HOST, ...headers }) };
}

async function signedIn(role: "viewer" | "operator" | "admin") {
  const store = openTestStore();
  const created = await createUser(store, { name: `${role}-user`, role, password: "long enough password" }, FAST);
  if (!created.ok) throw new Error(created.error.message);
  const session = await login(
    store,
    { username: `${role}-user`, password: "long enough password", ip: "direct" },
    FAST,
  );
  if (!session.ok) throw new Error(session.error.message);
  return { store, token: session.value.token, cookie: `crossnet_session=${session.value.token}` };
}

describe("first start", () => {
  it("the setup token creates one admin, once; afterwards setup is closed and no token is issued", async () => {
    const store = openTestStore();
    const setup = ensureSetupToken(store);
    if (setup.status !== "setup-required") throw new Error("expected a token");
    const input = { username: "root-admin", password: "a long admin password" };
    expect(await completeSetup(store, { ...input, token: "x".repeat(43) }, FAST)).toMatchObject({
      ok: false,
      error: { code: "invalid-token" },
    });
    expect(await completeSetup(store, { ...input, token: setup.token }, FAST)).toMatchObject({
      ok: true,
      value: { role: "admin" },
    });
    expect(
      await completeSetup(store, { username: "second", password: "another long password", token: setup.token }, FAST),
    ).toMatchObject({ ok: false, error: { code: "setup-done" } });
    expect(ensureSetupToken(store)).toEqual({ status: "ready" });
  });

  it("a restart replaces an unused token: only the newest printed one works", async () => {
    const store = openTestStore();
    const first = ensureSetupToken(store);
    const second = ensureSetupToken(store);
    if (first.status !== "setup-required" || second.status !== "setup-required") throw new Error("expected tokens");
    const input = { username: "root-admin", password: "a long admin password" };
    expect((await completeSetup(store, { ...input, token: first.token }, FAST)).ok).toBe(false);
    expect((await completeSetup(store, { ...input, token: second.token }, FAST)).ok).toBe(true);
  });
});

describe("sign-in", () => {
  it("is rate-limited: after 5 failures the right password is refused too", async () => {
    const { store } = await signedIn("operator");
    for (let i = 0; i < 5; i++) {
      store.clock.advance(1000);
      const result = await login(store, { username: "operator-user", password: `wrong ${i}`, ip: "direct" }, FAST);
      expect(result).toMatchObject({ ok: false, error: { code: "invalid-credentials" } });
    }
    const blocked = await login(
      store,
      { username: "operator-user", password: "long enough password", ip: "direct" },
      FAST,
    );
    expect(blocked).toMatchObject({ ok: false, error: { code: "rate-limited", scope: "user-ip" } });
  });

  it("spraying many names from one address is limited too (50 per 15 minutes)", async () => {
    const { store } = await signedIn("operator");
    store.clock.advance(1000);
    for (let i = 0; i < 50; i++) await login(store, { username: `guess-${i}`, password: "x", ip: "direct" }, FAST);
    const blocked = await login(
      store,
      { username: "operator-user", password: "long enough password", ip: "direct" },
      FAST,
    );
    expect(blocked).toMatchObject({ ok: false, error: { code: "rate-limited", scope: "ip" } });
  });

  it("the session cookie is HttpOnly, SameSite=Strict, Path=/, expiring with the session; Secure and __Host- behind TLS", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const expires = new Date(now.getTime() + SESSION_TTL_MS);
    const plain = serializeCookie(sessionCookie("t".repeat(43), expires, { secure: false, now }));
    expect(plain).toMatch(/^crossnet_session=t{43}; Path=\/; Max-Age=43200; Expires=.*; HttpOnly; SameSite=Strict$/);
    const tls = serializeCookie(sessionCookie("t".repeat(43), expires, { secure: true, now }));
    expect(tls).toMatch(/^__Host-crossnet_session=.*; HttpOnly; SameSite=Strict; Secure$/);
    expect(readSessionToken(`__Host-crossnet_session=${"t".repeat(43)}`, { secure: false })).toBeNull();
  });
});

describe("every request: session, role, Origin", () => {
  it("no cookie, a forged cookie, a revoked session: 401", async () => {
    const { store, token, cookie } = await signedIn("operator");
    expect(authorizeRequest(store, request("GET", {}), "viewer", LOOPBACK)).toMatchObject({
      ok: false,
      error: { status: 401 },
    });
    expect(
      authorizeRequest(store, request("GET", { cookie: `crossnet_session=${"A".repeat(43)}` }), "viewer", LOOPBACK),
    ).toMatchObject({ ok: false, error: { status: 401 } });
    expect(authorizeRequest(store, request("GET", { cookie }), "viewer", LOOPBACK).ok).toBe(true);
    revokeSession(store, token);
    expect(authorizeRequest(store, request("GET", { cookie }), "viewer", LOOPBACK)).toMatchObject({
      ok: false,
      error: { status: 401 },
    });
  });

  it("an expired session: 401", async () => {
    const { store, cookie } = await signedIn("operator");
    store.clock.advance(SESSION_TTL_MS + 1);
    expect(authorizeRequest(store, request("GET", { cookie }), "viewer", LOOPBACK)).toMatchObject({
      ok: false,
      error: { code: "unauthenticated" },
    });
  });

  it("a viewer may read but not apply, destroy, ping or run the lab (operator actions): 403 naming the role", async () => {
    const { store, cookie } = await signedIn("viewer");
    expect(authorizeRequest(store, request("GET", { cookie }), "viewer", LOOPBACK).ok).toBe(true);
    expect(authorizeRequest(store, request("POST", { cookie, origin: ORIGIN }), "operator", LOOPBACK)).toMatchObject({
      ok: false,
      error: { status: 403, message: "this needs the operator role; viewer-user is viewer" },
    });
  });

  it("state-changing requests need an Origin equal to the Host (or the configured public URL)", async () => {
    const { store, cookie } = await signedIn("operator");
    const post = (origin?: string) =>
      authorizeRequest(store, request("POST", { cookie, ...(origin ? { origin } : {}) }), "operator", LOOPBACK);
    expect(post()).toMatchObject({
      ok: false,
      error: { code: "bad-origin", message: "the request has no Origin header" },
    });
    expect(post("https://evil.example")).toMatchObject({ ok: false, error: { code: "bad-origin" } });
    expect(post("null")).toMatchObject({ ok: false, error: { code: "bad-origin" } });
    expect(post(ORIGIN).ok).toBe(true);
    const config = readDashboardConfig({ CROSSNET_PUBLIC_URL: "https://crossnet.example" });
    if (!config.ok) throw new Error(config.error.message);
    const proxied = authorizeRequest(
      store,
      request("POST", { cookie: `__Host-${cookie}`, origin: "https://crossnet.example" }),
      "operator",
      config.value,
    );
    expect(proxied.ok).toBe(true);
  });
});

describe("proxy.ts (convenience only)", () => {
  const call = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
    proxy(new NextRequest(new URL(path, ORIGIN), { method: init.method ?? "GET", headers: init.headers }));

  it("sends a browser without a session cookie to sign-in, keeping where it was going", () => {
    const response = call("/hosts?x=1", { headers: { accept: "text/html" } });
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toMatch(/^http:\/\/[^/]+\/login\?next=%2Fhosts%3Fx%3D1$/);
    expect(call("/login", { headers: { accept: "text/html" } }).headers.get("location")).toBeNull();
    expect(call("/api/runs/x/events").headers.get("location")).toBeNull();
  });

  it("stamps the real method, replacing one the client sent, and forbids framing", () => {
    const response = call("/topologies", {
      method: "POST",
      headers: { cookie: "crossnet_session=x", [METHOD_HEADER]: "GET" },
    });
    expect(response.headers.get(`x-middleware-request-${METHOD_HEADER}`)).toBe("POST");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("answers a Host that is not this dashboard's (DNS rebinding) with 421, before sign-in or setup (finding 5)", () => {
    for (const host of ["evil.example", "127.0.0.1.evil.example", "evil.example:3000", "", "a b"]) {
      for (const path of ["/login", "/setup", "/topologies"]) {
        const response = call(path, { method: "POST", headers: { host, origin: `http://${host}` } });
        expect(response.status, `${host} ${path}`).toBe(421);
      }
    }
    for (const host of ["127.0.0.1:3000", "localhost:3000", "[::1]:3000", "LOCALHOST"]) {
      expect(call("/login", { headers: { host, accept: "text/html" } }).status, host).not.toBe(421);
    }
    expect(
      allowedHostNames({ CROSSNET_PUBLIC_URL: "https://Crossnet.Example:8443", CROSSNET_ALLOWED_HOSTS: "ops.lan" }),
    ).toEqual(["crossnet.example", "ops.lan"]);
    expect(isAllowedHost("crossnet.example:8443", ["crossnet.example"])).toBe(true);
    expect(isAllowedHost("crossnet.example.evil", ["crossnet.example"])).toBe(false);
  });

  it("sets a strict CSP with a fresh nonce, passes the nonce to Next, and nosniff (finding 8)", () => {
    const first = call("/topologies", { headers: { cookie: "crossnet_session=x", accept: "text/html" } });
    const second = call("/topologies", { headers: { cookie: "crossnet_session=x", accept: "text/html" } });
    const csp = first.headers.get("content-security-policy") ?? "";
    for (const directive of ["default-src 'self'", "connect-src 'self'", "object-src 'none'", "'strict-dynamic'"])
      expect(csp).toContain(directive);
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    expect(csp).not.toContain("unsafe-eval");
    expect(first.headers.get(`x-middleware-request-content-security-policy`)).toBe(csp);
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("strict-transport-security")).toBeNull();
    expect(strictTransportSecurity(true)).toMatch(/^max-age=\d{8}/);
  });
});

describe("the listener", () => {
  it("warns beyond loopback without TLS, and not on 127.0.0.1, ::1 or behind an https public URL", () => {
    const plain = { secure: false, allowedOrigins: [], trustedProxies: [], peerStamped: true };
    expect(listenWarning("127.0.0.1", plain)).toBeNull();
    expect(listenWarning("::1", plain)).toBeNull();
    expect(listenWarning("0.0.0.0", plain)).toMatch(/^WARNING: the dashboard listens on 0\.0\.0\.0 over plain HTTP/);
    expect(listenWarning("192.168.1.5", plain)).toMatch(/TLS/);
    expect(listenWarning("0.0.0.0", { ...plain, secure: true })).toBeNull();
  });

  it("reads the address from `next start` argv; without -H Next listens everywhere", () => {
    expect(listenHostFromArgv(["node", "next", "start", "-H", "127.0.0.1", "-p", "3000"])).toBe("127.0.0.1");
    expect(listenHostFromArgv(["node", "next", "start", "-p", "3000"])).toBe("0.0.0.0");
    expect(listenHostFromArgv(["node", "next", "start", "--hostname=10.1.2.3"])).toBe("10.1.2.3");
    expect(listenHostFromArgv(["node", "start-server.js"])).toBeNull();
  });

  it("refuses a public URL that is not an http(s) origin; trusts X-Forwarded-For only from named proxies", () => {
    expect(readDashboardConfig({ CROSSNET_PUBLIC_URL: "javascript:alert(1)" }).ok).toBe(false);
    expect(readDashboardConfig({ CROSSNET_PUBLIC_URL: "https://u:p@x.example" }).ok).toBe(false);
    expect(readDashboardConfig({ CROSSNET_TRUST_PROXY: "1" })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining("CROSSNET_TRUSTED_PROXIES") },
    });
    expect(readDashboardConfig({ CROSSNET_TRUSTED_PROXIES: "10.0.0.0/8,bogus" })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining("'bogus'") },
    });
    const headers = new Headers({ "x-forwarded-for": "203.0.113.9, 10.0.0.1", [PEER_HEADER]: "10.0.0.2" });
    const direct = { secure: false, allowedOrigins: [], trustedProxies: [], peerStamped: true };
    expect(clientAddress(headers, direct)).toBe("10.0.0.2");
    expect(clientAddress(headers, { ...direct, trustedProxies: ["10.0.0.0/8"] })).toBe("203.0.113.9");
    expect(clientAddress(headers, { ...direct, peerStamped: false })).toBe("unknown");
  });

  it("the sign-in page's `next` is never an open redirect", () => {
    for (const evil of [
      "//evil.example",
      "/\\evil.example",
      "https://evil.example",
      "/x\nSet-Cookie:a",
      "javascript:1",
    ])
      expect(safeNextPath(evil)).toBe("/topologies");
    expect(safeNextPath("/runs?kind=ping")).toBe("/runs?kind=ping");
  });
});

describe("sign-in limits key on the real peer (finding 1)", () => {
  const config = { secure: false, allowedOrigins: [], trustedProxies: ["127.0.0.1/32"], peerStamped: true };
  const from = (peer: string, forwardedFor?: string) =>
    clientAddress(
      new Headers({ [PEER_HEADER]: peer, ...(forwardedFor && { "x-forwarded-for": forwardedFor }) }),
      config,
    );

  it("an attacker rotating X-Forwarded-For is limited, while another user and another address still sign in", async () => {
    const store = openTestStore();
    for (const name of ["admin1", "viewer1"]) {
      const created = await createUser(store, { name, role: "viewer", password: "long enough password" }, FAST);
      if (!created.ok) throw new Error(created.error.message);
    }
    const delays: number[] = [];
    const options = { ...FAST, sleep: async (ms: number) => void delays.push(ms) };
    const attacker = "203.0.113.66";
    const results = [];
    for (let i = 0; i < 120; i += 1) {
      const ip = from(attacker, `198.18.${i}.1`);
      const username = i % 2 ? "viewer1" : `guess${i}`;
      results.push(await login(store, { username, password: `wrong guess ${i}`, ip }, options));
    }
    expect(from(attacker, "198.18.0.1")).toBe(attacker);
    expect(results.filter((r) => !r.ok && r.error.code === "invalid-credentials")).toHaveLength(50);
    expect(results.at(-1)).toMatchObject({ ok: false, error: { code: "rate-limited" } });
    const other = await login(
      store,
      { username: "admin1", password: "long enough password", ip: from("198.51.100.2") },
      options,
    );
    expect(other).toMatchObject({ ok: true, value: { user: { name: "admin1" } } });
    const sameUser = await login(
      store,
      { username: "viewer1", password: "long enough password", ip: from("198.51.100.3") },
      options,
    );
    expect(sameUser).toMatchObject({ ok: true, value: { user: { name: "viewer1" } } });
    expect(delays).toEqual([500]);
  });

  it("guesses on one user from many addresses slow that user down but never refuse the right password", async () => {
    const store = openTestStore();
    const created = await createUser(
      store,
      { name: "viewer1", role: "viewer", password: "long enough password" },
      FAST,
    );
    if (!created.ok) throw new Error(created.error.message);
    const delays: number[] = [];
    const options = { ...FAST, sleep: async (ms: number) => void delays.push(ms) };
    for (let i = 0; i < 200; i += 1) {
      const result = await login(
        store,
        { username: "viewer1", password: `wrong ${i}`, ip: from(`198.18.${i}.9`) },
        options,
      );
      expect(result).toMatchObject({ ok: false, error: { code: "invalid-credentials" } });
    }
    expect(delays.length).toBeGreaterThan(190);
    expect(Math.max(...delays)).toBe(8_000);
    const owner = await login(
      store,
      { username: "viewer1", password: "long enough password", ip: from("192.0.2.1") },
      options,
    );
    expect(owner).toMatchObject({ ok: true });
  });

  it("the right-most untrusted hop is the client; hops a client wrote to its left are ignored", () => {
    const proxies = { ...config, trustedProxies: ["127.0.0.1/32", "10.0.0.0/8"] };
    const headers = new Headers({
      [PEER_HEADER]: "::ffff:127.0.0.1",
      "x-forwarded-for": "1.1.1.1, 203.0.113.5, 10.1.1.1",
    });
    expect(clientAddress(headers, proxies)).toBe("203.0.113.5");
    const posing = new Headers({ [PEER_HEADER]: "127.0.0.1", "x-forwarded-for": "unknown" });
    expect(clientAddress(posing, proxies)).toBe("invalid:unknown");
    expect(clientAddress(new Headers({ [PEER_HEADER]: "2001:db8:1:2:3:4:5:6" }), proxies)).toBe(
      "2001:0db8:0001:0002::/64",
    );
  });
});
