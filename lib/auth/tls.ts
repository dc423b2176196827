import "server-only";
import { execFile } from "node:child_process";
import { createPrivateKey, X509Certificate } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A certificate and key for `crossnet serve --tls`, with the certificate's SHA-256 fingerprint to print. */
export type TlsMaterial = { cert: Buffer; key: Buffer; fingerprint256: string; generated: boolean; certPath: string };

/** Why TLS material could not be used: which file, and what to do. */
export class TlsSetupError extends Error {
  override readonly name = "TlsSetupError";
}

/**
 * The dashboard's certificate (Portainer's default: a self-signed one unless the user gives theirs).
 * With `certPath` and `keyPath` both given, those files are read and checked: a PEM certificate, a
 * PEM private key, and the key must be the certificate's. Otherwise `dir`/cert.pem and key.pem are
 * used, made on first start with `openssl` (an argv, no shell): an EC P-256 key, valid 825 days, for
 * `localhost`, 127.0.0.1, ::1 and `host`. Kept across restarts, so the fingerprint a user checked once
 * stays the same. The key file is 0600.
 * @throws TlsSetupError naming the file and the problem.
 */
export async function loadTlsMaterial(options: {
  certPath?: string;
  keyPath?: string;
  dir: string;
  host: string;
}): Promise<TlsMaterial> {
  if ((options.certPath === undefined) !== (options.keyPath === undefined))
    throw new TlsSetupError("--cert and --key go together: give both (or neither, for a self-signed certificate)");
  let certPath = options.certPath;
  let keyPath = options.keyPath;
  let generated = false;
  if (!certPath || !keyPath) {
    certPath = join(options.dir, "cert.pem");
    keyPath = join(options.dir, "key.pem");
    if (!existsSync(certPath) || !existsSync(keyPath)) {
      mkdirSync(options.dir, { recursive: true, mode: 0o700 });
      await generateSelfSigned(certPath, keyPath, options.host);
      generated = true;
    }
  }
  // The user's files are named by the flag that gave them; generated ones by their place in the data folder.
  const certName = generated || !options.certPath ? certPath : `--cert ${certPath}`;
  const keyName = generated || !options.keyPath ? keyPath : `--key ${keyPath}`;
  const cert = readPem(certPath, certName);
  const key = readPem(keyPath, keyName);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch (error) {
    throw new TlsSetupError(
      `${certName}: not a PEM certificate (${(error as Error).message}). Give the certificate file, in PEM form ` +
        "(it starts with -----BEGIN CERTIFICATE-----; convert a DER one with `openssl x509 -inform der -in FILE -out cert.pem`)",
    );
  }
  let privateKey: ReturnType<typeof createPrivateKey>;
  try {
    privateKey = createPrivateKey(key);
  } catch (error) {
    throw new TlsSetupError(
      `${keyName}: not an unencrypted PEM private key (${(error as Error).message}). Give the key file, in PEM form ` +
        "and without a passphrase (`openssl pkey -in FILE -out key.pem` writes one)",
    );
  }
  if (!x509.checkPrivateKey(privateKey))
    throw new TlsSetupError(
      `${keyName} is not the private key of the certificate ${certName}: give the key the certificate was made for ` +
        "(a certificate and its key have the same public key: compare `openssl x509 -pubkey -noout -in CERT` with `openssl pkey -pubout -in KEY`)",
    );
  return { cert, key, fingerprint256: x509.fingerprint256, generated, certPath };
}

/** A file's bytes, or a TlsSetupError saying which file could not be read and why. */
function readPem(path: string, name: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EACCES"
          ? "permission denied"
          : code === "EISDIR"
            ? "a folder, not a file"
            : (error as Error).message;
    throw new TlsSetupError(
      `${name}: cannot be read (${code ? `${code}: ` : ""}${why}). Check the path, and that the user running crossnet may read it`,
    );
  }
}

/** The subjectAltName of the self-signed certificate: loopback names plus the listen address. */
export function subjectAltName(host: string): string {
  const names = new Set(["DNS:localhost", "IP:127.0.0.1", "IP:::1"]);
  if (/^[0-9.]+$/.test(host) || host.includes(":")) names.add(`IP:${host}`);
  else if (/^[A-Za-z0-9.-]{1,253}$/.test(host)) names.add(`DNS:${host}`);
  return [...names].join(",");
}

async function generateSelfSigned(certPath: string, keyPath: string, host: string): Promise<void> {
  const argv = [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-days",
    "825",
    "-subj",
    "/CN=crossnet",
    "-addext",
    `subjectAltName=${subjectAltName(host)}`,
    "-keyout",
    keyPath,
    "-out",
    certPath,
  ];
  try {
    await run("openssl", argv, { timeout: 30_000 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? (error as Error).message;
    throw new TlsSetupError(`making a self-signed certificate with openssl failed: ${stderr.trim()}`);
  }
  chmodSync(keyPath, 0o600);
}
