import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";

/**
 * Adds a dashboard account as an admin would, with `crossnet users add` on this run's database
 * (the password goes through stdin). Returns the password.
 */
export async function addUser(name: string, role: "viewer" | "operator" | "admin"): Promise<string> {
  const password = `pw-${randomBytes(12).toString("base64url")}`;
  await new Promise<void>((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [join(process.cwd(), "bin", "crossnet.js"), "users", "add", name, "--role", role],
      { env: { ...process.env, CROSSNET_DB: process.env.E2E_DB }, timeout: 60_000 },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`users add ${name}: ${stderr || error.message}`)) : resolve(),
    );
    child.stdin?.end(password);
  });
  return password;
}
