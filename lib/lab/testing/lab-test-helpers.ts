import { readFileSync } from "node:fs";
import { Client } from "ssh2";
import { sshFingerprint } from "../host/fingerprint";

/** Output of one command run over SSH. */
export type SshResult = { code: number | null; stdout: string; stderr: string };

/**
 * Connects to `address` as root with `keyPath`, accepting only a host key whose fingerprint is
 * `hostKey` (checked before authentication), runs `command`, and disconnects.
 */
export function sshRun(address: string, keyPath: string, hostKey: string, command: string): Promise<SshResult> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    const timer = setTimeout(() => {
      client.end();
      reject(new Error(`ssh ${address}: timed out`));
    }, 20_000);
    client
      .on("ready", () => {
        client.exec(command, (error, stream) => {
          if (error) {
            clearTimeout(timer);
            client.end();
            reject(error);
            return;
          }
          let stdout = "";
          let stderr = "";
          stream.on("data", (chunk: Buffer) => {
            stdout += chunk.toString();
          });
          stream.stderr.on("data", (chunk: Buffer) => {
            stderr += chunk.toString();
          });
          stream.on("close", (code: number | null) => {
            clearTimeout(timer);
            client.end();
            resolve({ code, stdout, stderr });
          });
        });
      })
      .on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      })
      .connect({
        host: address,
        port: 22,
        username: "root",
        privateKey: readFileSync(keyPath),
        readyTimeout: 15_000,
        hostVerifier: (key: Buffer) => sshFingerprint(key) === hostKey,
      });
  });
}

/** Milliseconds `action` takes. */
export async function timeIt<T>(action: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await action();
  return { ms: Math.round(performance.now() - started), value };
}
