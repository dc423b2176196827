import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { readDashboardConfig } from "../../lib/auth/dashboard-config";
import { parseCommandArgs } from "../args";
import type { Command } from "../command";
import { CliError } from "../errors";
import { HELP } from "./help";

const { usage, summary } = HELP.serve;

const HOST = /^(?:[A-Za-z0-9.-]{1,253}|[0-9A-Fa-f:.]{2,45})$/;

/**
 * The listener address and port from the flags, then `CROSSNET_HOST`/`PORT`, then 127.0.0.1:3000.
 * @throws CliError for a value that is not an address (or starts with `-`) or not a port.
 */
export function listenAddress(
  values: { host?: string; port?: string },
  env: Readonly<Record<string, string | undefined>>,
): { host: string; port: string } {
  const host = values.host ?? env.CROSSNET_HOST?.trim() ?? "127.0.0.1";
  const port = values.port ?? env.PORT ?? "3000";
  if (!HOST.test(host) || host.startsWith("-")) throw new CliError(`--host: '${host}' is not an address or host name`);
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)
    throw new CliError(`--port: '${port}' is not a port number`);
  return { host, port };
}

/**
 * `crossnet serve`: the built dashboard (`next start`) on 127.0.0.1 unless `--host`/`CROSSNET_HOST`
 * says otherwise. The server itself prints the setup token and, beyond loopback without
 * `CROSSNET_PUBLIC_URL=https://…`, a warning (instrumentation.ts). Signals go to the server.
 */
export const serve: Command = {
  usage,
  summary,
  async run(args) {
    const { values, positionals } = parseCommandArgs(
      args,
      { host: { type: "string" }, port: { type: "string" } },
      usage,
    );
    if (positionals.length > 0) throw new CliError(`unexpected '${positionals[0]}'\nusage: crossnet ${usage}`);
    const { host, port } = listenAddress(values, process.env);
    const config = readDashboardConfig();
    if (!config.ok) throw new CliError(config.error.message);
    const next = createRequire(import.meta.url).resolve("next/dist/bin/next");
    const child = spawn(process.execPath, [next, "start", "-H", host, "-p", port], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    process.on("SIGINT", forward("SIGINT"));
    process.on("SIGTERM", forward("SIGTERM"));
    return new Promise<number>((resolve) => {
      child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
      child.once("error", (error) => {
        process.stderr.write(`crossnet serve: ${error.message}\n`);
        resolve(1);
      });
    });
  },
};
