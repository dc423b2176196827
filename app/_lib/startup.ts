import { ensureSetupToken } from "@/lib/auth/bootstrap";
import { listenHostFromArgv, listenWarning } from "@/lib/auth/dashboard-config";
import { PEER_STAMPED_ENV } from "@/lib/auth/peer-address";
import { dashboardConfig } from "./session";
import { getStore } from "./store";

/**
 * What the server says once when it starts (from instrumentation.ts): while no admin exists, a
 * fresh one-time setup token for /setup (only its hash is stored, so this console line is the only
 * copy); and a warning when it listens beyond loopback without TLS in front.
 */
export function announceStartup(out: NodeJS.WritableStream = process.stdout, warn = process.stderr): void {
  const config = dashboardConfig();
  const host = listenHostFromArgv(process.argv);
  const warning = host === null ? null : listenWarning(host, config);
  if (warning) warn.write(`crossnet: ${warning}\n`);
  if (process.env[PEER_STAMPED_ENV] !== "1")
    warn.write(
      "crossnet: notice: not started by `crossnet serve`, so client addresses are unknown: sign-in limits can only slow each user down, not block an attacker's address\n",
    );
  const setup = ensureSetupToken(getStore());
  if (setup.status === "setup-required") {
    out.write(
      `crossnet: no admin yet. One-time setup token (valid until ${setup.expiresAt}; open /setup and paste it):\n` +
        `crossnet: one-time setup token: ${setup.token}\n`,
    );
  }
}
