import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TLSSocket } from "node:tls";
import { afterAll, expect, test } from "vitest";
import { serve } from "../../cli/commands/serve";
import { createListener } from "./serve-dashboard";
import { loadTlsMaterial, subjectAltName, TlsSetupError } from "./tls";

const dir = mkdtempSync(join(tmpdir(), "cn-tls-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FINGERPRINT = /^(?:[0-9A-F]{2}:){31}[0-9A-F]{2}$/;

/** `openssl x509 -fingerprint -sha256` of a PEM file: the fingerprint as another tool computes it. */
function opensslFingerprint(certPath: string): string {
  const out = execFileSync("openssl", ["x509", "-noout", "-fingerprint", "-sha256", "-in", certPath], {
    encoding: "utf8",
  });
  return out.trim().replace(/^.*Fingerprint=/i, "");
}

test("--tls without a certificate makes a self-signed one once (key 0600) and keeps it across restarts", async () => {
  const tlsDir = join(dir, "generated");
  const first = await loadTlsMaterial({ dir: tlsDir, host: "127.0.0.1" });
  expect(first.generated).toBe(true);
  expect(first.fingerprint256).toMatch(FINGERPRINT);
  expect(first.fingerprint256).toBe(opensslFingerprint(first.certPath));
  expect(statSync(join(tlsDir, "key.pem")).mode & 0o777).toBe(0o600);
  const again = await loadTlsMaterial({ dir: tlsDir, host: "127.0.0.1" });
  expect(again).toMatchObject({ generated: false, fingerprint256: first.fingerprint256 });
  expect(subjectAltName("10.0.0.5")).toBe("DNS:localhost,IP:127.0.0.1,IP:::1,IP:10.0.0.5");
});

test("the HTTPS listener presents exactly the certificate whose fingerprint is printed", async () => {
  const material = await loadTlsMaterial({ dir: join(dir, "served"), host: "127.0.0.1" });
  const server = createListener((_req, res) => res.end("ok"), material);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const seen = await new Promise<{ body: string; fingerprint: string }>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: "/", ca: material.cert, servername: "localhost" }, (res) => {
        const fingerprint = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
        let body = "";
        res.on("data", (chunk) => {
          body += chunk;
        });
        res.on("end", () => resolve({ body, fingerprint }));
      });
      req.on("error", reject);
      req.end();
    });
    expect(seen).toEqual({ body: "ok", fingerprint: material.fingerprint256 });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test("a certificate the user gives is used as is; a key that is not its key, or half a pair, is refused", async () => {
  const own = join(dir, "own");
  const other = join(dir, "other");
  for (const base of [own, other]) {
    execFileSync("mkdir", ["-p", base]);
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=mine",
        "-keyout",
        join(base, "k.pem"),
        "-out",
        join(base, "c.pem"),
      ],
      { stdio: "ignore" },
    );
  }
  const given = await loadTlsMaterial({ certPath: join(own, "c.pem"), keyPath: join(own, "k.pem"), dir, host: "x" });
  expect(given).toMatchObject({ generated: false, fingerprint256: opensslFingerprint(join(own, "c.pem")) });
  await expect(
    loadTlsMaterial({ certPath: join(own, "c.pem"), keyPath: join(other, "k.pem"), dir, host: "x" }),
  ).rejects.toThrow(
    /^--key .*other.*k\.pem is not the private key of the certificate --cert .*own.*c\.pem: give the key/,
  );
  await expect(loadTlsMaterial({ certPath: join(own, "c.pem"), dir, host: "x" })).rejects.toThrow(TlsSetupError);
  await expect(
    loadTlsMaterial({ certPath: join(own, "nope.pem"), keyPath: join(own, "k.pem"), dir, host: "x" }),
  ).rejects.toThrow(/--cert .*nope\.pem: cannot be read \(ENOENT: no such file\)\. Check the path/);
  await expect(serve.run(["--cert", join(own, "c.pem"), "--key", join(own, "k.pem")])).rejects.toThrow(
    "--cert and --key are for --tls",
  );
});

test("a file that is not a PEM certificate or key is refused naming its flag, the file, and how to fix it", async () => {
  const base = join(dir, "bad");
  execFileSync("mkdir", ["-p", base]);
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2"].concat([
      "-subj",
      "/CN=bad",
      "-keyout",
      join(base, "k.pem"),
      "-out",
      join(base, "c.pem"),
    ]),
    { stdio: "ignore" },
  );
  writeFileSync(join(base, "junk.pem"), "not a certificate\n");
  const cert = join(base, "c.pem");
  const key = join(base, "k.pem");
  await expect(loadTlsMaterial({ certPath: join(base, "junk.pem"), keyPath: key, dir, host: "x" })).rejects.toThrow(
    /^--cert .*junk\.pem: not a PEM certificate \(.+\)\. Give the certificate file, in PEM form/,
  );
  // The two files swapped: the certificate is not a key.
  await expect(loadTlsMaterial({ certPath: cert, keyPath: cert, dir, host: "x" })).rejects.toThrow(
    /^--key .*c\.pem: not an unencrypted PEM private key \(.+\)\. Give the key file, in PEM form and without a passphrase/,
  );
  await expect(loadTlsMaterial({ certPath: cert, keyPath: base, dir, host: "x" })).rejects.toThrow(
    /^--key .*bad: cannot be read \(EISDIR: a folder, not a file\)/,
  );
});
