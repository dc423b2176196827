import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { connect } from "node:tls";
import type { Browser, BrowserContext, Page, Response } from "@playwright/test";
import { SECURE_SESSION_COOKIE } from "../lib/auth/cookie";
import { expect, test, uniqueName } from "./fixtures/test";
import { LoginPage } from "./pages/login-page";
import { cspProblems, expectStrictHeaders } from "./support/csp";
import { addUser } from "./support/users";

/**
 * Peer feature: `crossnet serve --tls` (Portainer's default). The built dashboard is started here
 * with `--tls` on a port of its own, as a user starts it: with a self-signed certificate it makes,
 * then with a certificate the user gives. What the listener really presents must have the SHA-256
 * fingerprint printed at start (so a user who compares them is not fooled), Chromium signs in over
 * it, and every page carries HSTS, the nonce CSP and nosniff with no CSP error in the console. A
 * bad certificate or key file stops the start with a message naming the flag, the file and the fix.
 */

const FINGERPRINT = /^(?:[0-9A-F]{2}:){31}[0-9A-F]{2}$/;
const started: ChildProcess[] = [];
/** This file's scratch folder, made in the worker (Playwright also loads spec files in its main process to list them). */
let work = "";

test.beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "cn-e2e-tls-"));
});

test.afterAll(async () => {
  for (const child of started) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) continue;
    const ended = new Promise((resolve) => child.once("exit", resolve));
    process.kill(child.pid, "SIGTERM");
    await ended;
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A TCP port nothing listens on now (the kernel's pick, released at once). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** The environment the e2e dashboard runs with (playwright.config.ts webServer), with its own data folder. */
function serveEnv(dataDir: string): NodeJS.ProcessEnv {
  const db = process.env.E2E_DB;
  if (!db) throw new Error("E2E_DB is not set (playwright.config.ts sets it)");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CROSSNET_DB: db,
    CROSSNET_SECRET_KEY_FILE: join(dirname(db), "secret.key"),
    CROSSNET_DATA: dataDir,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.CROSSNET_PUBLIC_URL;
  return env;
}

type Served = { url: string; port: number; fingerprint: string; certPath: string; generated: boolean };

/** Starts `crossnet serve --tls …` and reads what it prints until the fingerprint line (or it exits). */
async function startServe(extra: string[], dataDir: string): Promise<Served> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["bin/crossnet.js", "serve", "--tls", "--host", "127.0.0.1", "--port", String(port), ...extra],
    { cwd: process.cwd(), env: serveEnv(dataDir), stdio: ["ignore", "pipe", "pipe"] },
  );
  started.push(child);
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const printed = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      stdout += chunk;
      if (/SHA-256 fingerprint \S+\n/.test(stdout)) resolve(stdout);
    });
    child.once("exit", (code) =>
      reject(new Error(`crossnet serve --tls ended (${code}) before listening:\n${stderr}`)),
    );
  });
  const url = /dashboard on (https:\/\/\S+)\n/.exec(printed)?.[1] ?? "";
  const cert = /TLS certificate (generated \(self-signed\) )?(\S+)\n/.exec(printed);
  const fingerprint = /SHA-256 fingerprint (\S+)\n/.exec(printed)?.[1] ?? "";
  expect(url).toBe(`https://127.0.0.1:${port}`);
  expect(fingerprint).toMatch(FINGERPRINT);
  return { url, port, fingerprint, certPath: cert?.[2] ?? "", generated: Boolean(cert?.[1]) };
}

/** Runs `crossnet serve --tls …` expecting it to refuse: its exit code and what it wrote to stderr. */
function refusedServe(port: number, extra: string[]): { status: number | null; stderr: string } {
  try {
    execFileSync(
      process.execPath,
      ["bin/crossnet.js", "serve", "--tls", "--host", "127.0.0.1", "--port", String(port), ...extra],
      { cwd: process.cwd(), env: serveEnv(join(work, "refused")), encoding: "utf8", stdio: "pipe", timeout: 60_000 },
    );
    return { status: 0, stderr: "" };
  } catch (error) {
    const failed = error as { status: number | null; stderr: string };
    return { status: failed.status, stderr: failed.stderr };
  }
}

/** The SHA-256 fingerprint of the certificate the listener presents in a TLS handshake (node:tls, not the browser). */
async function presentedFingerprint(port: number): Promise<{ fingerprint: string; protocol: string | null }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port, servername: "localhost", rejectUnauthorized: false }, () => {
      const seen = { fingerprint: socket.getPeerCertificate().fingerprint256, protocol: socket.getProtocol() };
      socket.end();
      resolve(seen);
    });
    socket.once("error", reject);
  });
}

/** `openssl x509 -fingerprint -sha256` of a PEM file: the fingerprint as another tool computes it. */
function opensslFingerprint(certPath: string): string {
  const out = execFileSync("openssl", ["x509", "-noout", "-fingerprint", "-sha256", "-in", certPath], {
    encoding: "utf8",
  });
  return out.trim().replace(/^.*Fingerprint=/i, "");
}

/** A page served over this TLS listener: HSTS on top of the dashboard's strict headers (support/csp.ts). */
async function expectSecureHeaders(page: Page, response: Response | null, path: string): Promise<void> {
  await expectStrictHeaders(page, response, path, { hsts: "max-age=63072000; includeSubDomains" });
}

/** A fresh browser context for the TLS listener: no saved session, the self-signed certificate accepted. */
async function tlsContext(browser: Browser, served: Served): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: served.url,
    ignoreHTTPSErrors: true,
    storageState: { cookies: [], origins: [] },
  });
}

test("serve --tls makes a self-signed certificate, presents exactly the printed fingerprint, and Chromium signs in with HSTS, a nonce CSP and nosniff", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const served = await startServe([], join(work, "generated-data"));
  expect(served.generated).toBe(true);
  expect(served.certPath).toBe(join(work, "generated-data", "tls", "cert.pem"));
  expect(served.fingerprint).toBe(opensslFingerprint(served.certPath));
  const presented = await presentedFingerprint(served.port);
  expect(presented.fingerprint).toBe(served.fingerprint);
  expect(["TLSv1.2", "TLSv1.3"]).toContain(presented.protocol);

  const name = uniqueName("tls");
  const password = await addUser(name, "admin");
  const context = await tlsContext(browser, served);
  const page = await context.newPage();
  const problems = cspProblems(page);
  const statics: Response[] = [];
  page.on("response", (response) => {
    if (response.url().includes("/_next/static/")) statics.push(response);
  });
  const login = new LoginPage(page);
  await login.goto("/topologies");
  await login.signIn(name, password);
  await page.waitForURL(/\/topologies$/);
  await expect(page.getByTestId("nav-user")).toHaveText(name);
  const cookies = await context.cookies();
  expect(cookies.find((cookie) => cookie.name === SECURE_SESSION_COOKIE)).toMatchObject({
    secure: true,
    httpOnly: true,
  });

  for (const path of ["/topologies", "/hosts", "/account", "/audit", "/login"]) {
    const response = await page.goto(path);
    expect(response?.url().startsWith(`${served.url}/`), path).toBe(true);
    const security = await response?.securityDetails();
    expect(security?.subjectName, path).toBe("crossnet");
    await expectSecureHeaders(page, response ?? null, path);
    await page.waitForLoadState("networkidle");
  }
  expect(statics.length).toBeGreaterThan(0);
  for (const response of statics) expect(response.headers()["x-content-type-options"], response.url()).toBe("nosniff");
  expect(problems).toEqual([]);
  await context.close();
});

test("serve --tls --cert/--key serves the user's own certificate and prints its fingerprint", async ({ browser }) => {
  test.setTimeout(180_000);
  const own = join(work, "own");
  mkdirSync(own, { recursive: true });
  const certPath = join(own, "dashboard.crt");
  const keyPath = join(own, "dashboard.key");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "3"].concat([
      "-subj",
      "/CN=crossnet-e2e-own",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      keyPath,
      "-out",
      certPath,
    ]),
    { stdio: "ignore" },
  );
  const served = await startServe(["--cert", certPath, "--key", keyPath], join(work, "own-data"));
  expect(served).toMatchObject({ generated: false, certPath, fingerprint: opensslFingerprint(certPath) });
  expect((await presentedFingerprint(served.port)).fingerprint).toBe(served.fingerprint);

  const context = await tlsContext(browser, served);
  const page = await context.newPage();
  const problems = cspProblems(page);
  const response = await page.goto("/login");
  expect((await response?.securityDetails())?.subjectName).toBe("crossnet-e2e-own");
  await expectSecureHeaders(page, response, "/login");
  await expect(page.getByTestId("login-page")).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(problems).toEqual([]);
  await context.close();
});

test("a bad certificate or key file stops serve --tls with the flag, the file, and how to fix it", async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  const bad = join(work, "bad");
  const other = join(work, "other");
  for (const dir of [bad, other]) {
    mkdirSync(dir, { recursive: true });
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "3"].concat([
        "-subj",
        "/CN=bad",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ]),
      { stdio: "ignore" },
    );
  }
  const junk = join(bad, "junk.pem");
  writeFileSync(junk, "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
  const cert = join(bad, "cert.pem");
  const key = join(bad, "key.pem");

  const notCert = refusedServe(port, ["--cert", junk, "--key", key]);
  expect(notCert.status).toBe(2);
  expect(notCert.stderr).toContain(`crossnet serve: --cert ${junk}: not a PEM certificate`);
  expect(notCert.stderr).toContain("Give the certificate file, in PEM form");

  const notKey = refusedServe(port, ["--cert", cert, "--key", cert]);
  expect(notKey.status).toBe(2);
  expect(notKey.stderr).toContain(`crossnet serve: --key ${cert}: not an unencrypted PEM private key`);
  expect(notKey.stderr).toContain("without a passphrase");

  const wrongKey = refusedServe(port, ["--cert", cert, "--key", join(other, "key.pem")]);
  expect(wrongKey.status).toBe(2);
  expect(wrongKey.stderr).toContain(
    `crossnet serve: --key ${join(other, "key.pem")} is not the private key of the certificate --cert ${cert}: give the key the certificate was made for`,
  );

  const missing = refusedServe(port, ["--cert", cert, "--key", join(bad, "nope.key")]);
  expect(missing.status).toBe(2);
  expect(missing.stderr).toContain(`--key ${join(bad, "nope.key")}: cannot be read (ENOENT: no such file)`);

  const half = refusedServe(port, ["--cert", cert]);
  expect(half.status).toBe(2);
  expect(half.stderr).toContain("--cert and --key go together: give both");
});
