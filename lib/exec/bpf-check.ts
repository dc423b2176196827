import "server-only";
import { spawn } from "node:child_process";

/**
 * The last check of a user's capture filter, after the allow-list grammar: libpcap compiles it here,
 * on the dashboard's machine, with `tcpdump -d` against an Ethernet link type (no interface opened,
 * no packet read), as `nobody` when this process is root. Fixed argv, no shell.
 * Resolves null when it compiles, else tcpdump's reason.
 */
export function compileFilter(filter: string): Promise<string | null> {
  if (!filter.trim()) return Promise.resolve(null);
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const argv = [
    ...(asRoot ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] : []),
    "tcpdump",
    "-d",
    "-y",
    "EN10MB",
    "--",
    filter.trim(),
  ];
  const [file = "tcpdump", ...args] = argv;
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      stdio: ["ignore", "ignore", "pipe"],
      env: { NODE_ENV: process.env.NODE_ENV, PATH: "/usr/bin:/bin:/usr/sbin:/sbin", LANG: "C" },
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve(`cannot check the filter: ${error.message} (install the package tcpdump on this machine)`);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve(
        code === 0 ? null : `the filter does not compile: ${stderr.trim().replace(/^tcpdump: /, "") || `exit ${code}`}`,
      );
    });
  });
}
