import "server-only";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { runChecked } from "../os/run";

/** The lab's client key pair: the private key path (0600) and the public key line. */
export type ClientKey = { path: string; publicKey: string };

/** Where the lab key lives: next to the inventory, `id_ed25519`. */
export function clientKeyPath(inventoryPath: string): string {
  return join(dirname(resolve(inventoryPath)), "id_ed25519");
}

/**
 * Returns the lab's ed25519 client key, creating it on first use (kept across bring-ups so a user's
 * ssh config keeps working). Forces the private key to mode 0600.
 */
export async function ensureClientKey(sshKeygen: string, path: string): Promise<ClientKey> {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (!existsSync(path)) {
    await runChecked("create the lab key", [
      sshKeygen,
      "-q",
      "-t",
      "ed25519",
      "-N",
      "",
      "-C",
      "crossnet-lab",
      "-f",
      path,
    ]);
  }
  if ((statSync(path).mode & 0o777) !== 0o600) chmodSync(path, 0o600);
  let publicKey: string;
  if (existsSync(`${path}.pub`)) publicKey = readFileSync(`${path}.pub`, "utf8").trim();
  else {
    publicKey = (await runChecked("derive the lab public key", [sshKeygen, "-y", "-f", path])).trim();
    writeFileSync(`${path}.pub`, `${publicKey}\n`);
  }
  return { path, publicKey };
}
