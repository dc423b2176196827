import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { listenWarning, readDashboardConfig } from "../../lib/auth/dashboard-config";
import { serveDashboard } from "../../lib/auth/serve-dashboard";
import { loadTlsMaterial, type TlsMaterial, TlsSetupError } from "../../lib/auth/tls";
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
 * `crossnet serve`: the built dashboard, in this process behind Node's HTTP server (so sign-in
 * limits see each client's socket address; lib/auth/serve-dashboard.ts), on 127.0.0.1 unless
 * `--host`/`CROSSNET_HOST` says otherwise. It warns beyond loopback without
 * `CROSSNET_PUBLIC_URL=https://…`; the server prints the setup token (instrumentation.ts).
 */
export const serve: Command = {
  usage,
  summary,
  async run(args) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        host: { type: "string" },
        port: { type: "string" },
        tls: { type: "boolean" },
        cert: { type: "string" },
        key: { type: "string" },
      },
      usage,
    );
    if (positionals.length > 0) throw new CliError(`unexpected '${positionals[0]}'\nusage: crossnet ${usage}`);
    const { host, port } = listenAddress(values, process.env);
    if ((values.cert !== undefined || values.key !== undefined) && !values.tls)
      throw new CliError("--cert and --key are for --tls: add --tls");
    let tls: TlsMaterial | undefined;
    if (values.tls) {
      try {
        tls = await loadTlsMaterial({
          certPath: values.cert,
          keyPath: values.key,
          dir: join(process.env.CROSSNET_DATA ?? "data", "tls"),
          host,
        });
      } catch (error) {
        if (error instanceof TlsSetupError) throw new CliError(error.message);
        throw error;
      }
      // Without a public URL of its own, the dashboard's address is this HTTPS listener (Secure cookies, HSTS).
      process.env.CROSSNET_PUBLIC_URL ??= `https://${host.includes(":") ? `[${host}]` : host}:${port}`;
    }
    const config = readDashboardConfig();
    if (!config.ok) throw new CliError(config.error.message);
    const warning = listenWarning(host, config.value);
    if (warning) process.stderr.write(`crossnet: ${warning}\n`);
    Object.assign(process.env, { NODE_ENV: "production" });
    const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
    let server: Awaited<ReturnType<typeof serveDashboard>>;
    try {
      server = await serveDashboard({ dir, host, port: Number(port), ...(tls ? { tls } : {}) });
    } catch (error) {
      process.stderr.write(`crossnet serve: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
    const scheme = tls ? "https" : "http";
    process.stdout.write(`crossnet: dashboard on ${scheme}://${host.includes(":") ? `[${host}]` : host}:${port}\n`);
    if (tls)
      process.stdout.write(
        `crossnet: TLS certificate ${tls.generated ? "generated (self-signed) " : ""}${tls.certPath}\ncrossnet: SHA-256 fingerprint ${tls.fingerprint256}\n`,
      );
    return new Promise<number>((resolve) => {
      const stop = () => {
        server.close(() => resolve(0));
        server.closeAllConnections();
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
  },
};
