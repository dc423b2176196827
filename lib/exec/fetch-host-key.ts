import "server-only";
import { Client as SshClient } from "ssh2";
import { SshConnectError } from "./errors";
import { fingerprintOf, keyTypeOf } from "./host-key";

/** A host key as presented by the host, before anything was trusted or sent. */
export type PresentedHostKey = { fingerprint: string; keyType: string };

/**
 * Connects to an SSH server only far enough to see its host key, then refuses it: no user name is
 * authenticated, no key or password is sent, no command runs. The caller shows the fingerprint so
 * a person can compare it out of band before it is pinned in the inventory (trust on first use,
 * made explicit).
 * @throws SshConnectError when the server does not answer or never presents a key.
 */
export function fetchHostKey(target: {
  host: string;
  address: string;
  port: number;
  timeoutMs?: number;
}): Promise<PresentedHostKey> {
  return new Promise((resolve, reject) => {
    const client = new SshClient();
    let presented: PresentedHostKey | undefined;
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      client.removeAllListeners("ready");
      client.on("error", () => {});
      client.end();
      if (presented) resolve(presented);
      else
        reject(error ?? new SshConnectError(target.host, "the server closed the connection before presenting a key"));
    };
    client.on("error", (error: Error) =>
      finish(new SshConnectError(target.host, `cannot reach ${target.address}:${target.port}: ${error.message}`)),
    );
    client.on("close", () => finish());
    client.on("ready", () => finish());
    client.connect({
      host: target.address,
      port: target.port,
      username: "crossnet-host-key-check",
      readyTimeout: target.timeoutMs ?? 5000,
      hostVerifier: (key: Buffer) => {
        presented = { fingerprint: fingerprintOf(key), keyType: keyTypeOf(key) };
        return false;
      },
    });
  });
}
