import { execFile } from "node:child_process";
import { join } from "node:path";

/** The repository root (bin/crossnet.js is there, and the CLI runs from it as a user would). */
export const REPO_ROOT = join(import.meta.dirname, "..", "..");

/** What a run of the real CLI gave: its exit code (-1 when it had none) and what it printed. */
export type CliRun = { code: number; stdout: string; stderr: string };

/**
 * Runs the real `crossnet` (node bin/crossnet.js) from the repository root and resolves whatever its
 * exit code, so a test can pin both the code and the words. Its environment is this process's, with
 * NO_COLOR and `env` on top; `cleanEnv` starts from nothing but NODE_ENV=test and `env` instead (for
 * tests of what the CLI reads from the environment).
 */
export function runCli(
  args: readonly string[],
  options: { env?: Record<string, string>; cleanEnv?: boolean } = {},
): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = options.cleanEnv
    ? { NODE_ENV: "test", ...options.env }
    : { ...process.env, NO_COLOR: "1", ...options.env };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(REPO_ROOT, "bin", "crossnet.js"), ...args],
      { cwd: REPO_ROOT, env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}
