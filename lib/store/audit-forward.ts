import { execFile } from "node:child_process";
import type { StoredAuditRow } from "./audit-chain";

let warned = false;

/**
 * Sends one written audit row to the machine's syslog (journald picks it up there) when
 * `CROSSNET_AUDIT_SYSLOG=1`, so a copy exists outside the database as each row is written;
 * `CROSSNET_AUDIT_SYSLOG_SOCKET=PATH` names another unix socket than /dev/log. Uses
 * the `logger` program with an argv (no shell): Node has no unix datagram sockets to talk to
 * /dev/log itself, and `logger` already speaks both syslog and journald. Fire and forget: a failed
 * forward is reported once on stderr and never blocks or fails the write.
 */
export function forwardAuditRow(
  row: StoredAuditRow,
  env: Readonly<Record<string, string | undefined>> = process.env,
): void {
  if (env.CROSSNET_AUDIT_SYSLOG !== "1") return;
  const { prevHash: _prev, ...fields } = row;
  const message = JSON.stringify(fields);
  const socket = env.CROSSNET_AUDIT_SYSLOG_SOCKET?.trim();
  const argv = ["--tag", "crossnet-audit", "--priority", "auth.notice", ...(socket ? ["--socket", socket] : [])];
  execFile("logger", [...argv, "--", message], (error) => {
    if (!error || warned) return;
    warned = true;
    process.stderr.write(`crossnet: cannot forward the audit log to syslog (logger): ${error.message}\n`);
  });
}
