import { type Text, t } from "../i18n/text";
import type { ObservedDaemonJson } from "./observed";

/**
 * daemon.json merged, never replaced (security finding 9): a host's /etc/docker/daemon.json may hold
 * TLS, userns-remap or authorization plugins, so Crossnet changes only the keys it needs and keeps the
 * original beside it (a byte-exact copy, or a marker saying there was no file), which destroy puts back.
 */

export const DAEMON_JSON = "/etc/docker/daemon.json";
/** Byte-exact copy of the daemon.json found before Crossnet's first write. */
export const DAEMON_JSON_BACKUP = "/etc/docker/daemon.json.crossnet-orig";
/** Present when there was no daemon.json before Crossnet's first write (destroy then removes the file). */
export const DAEMON_JSON_NONE = "/etc/docker/daemon.json.crossnet-none";
/** Larger files are not merged (lib/observe reports them unreadable): no daemon.json is near this. */
export const DAEMON_JSON_MAX_BYTES = 256 * 1024;

export type MergedDaemonJson = { ok: true; text: string; changed: boolean } | { ok: false; reason: Text };

/**
 * The host's daemon.json with `settings` set and every other key kept, in its place and with its
 * value; new keys go at the end. Pure. `changed` is false when the file already says exactly this
 * (then nothing needs writing). Refuses a file that is not one JSON object: overwriting it would drop
 * settings Crossnet cannot see.
 */
export function mergeDaemonJson(observed: ObservedDaemonJson, settings: Record<string, string>): MergedDaemonJson {
  if (observed.unreadable) return { ok: false, reason: t`it could not be read (${observed.unreadable})` };
  let current: Record<string, unknown> = {};
  if (observed.text !== undefined && observed.text.trim() !== "") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(observed.text);
    } catch (error) {
      return { ok: false, reason: t`it is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      return { ok: false, reason: t`it is not a JSON object` };
    current = parsed as Record<string, unknown>;
  }
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(current))
    merged[key] = Object.hasOwn(settings, key) ? settings[key] : value;
  for (const [key, value] of Object.entries(settings)) if (!Object.hasOwn(merged, key)) merged[key] = value;
  const changed = Object.entries(settings).some(([key, value]) => current[key] !== value);
  return { ok: true, text: `${JSON.stringify(merged, null, 2)}\n`, changed };
}

/** Argv of the daemon.json file operations (fixed paths: no data reaches them). */
export const daemonJsonCmd = {
  write: () => ["tee", DAEMON_JSON],
  backup: () => ["cp", "-p", DAEMON_JSON, DAEMON_JSON_BACKUP],
  markNone: () => ["touch", DAEMON_JSON_NONE],
  /** For a host that was not read (a plan or script for fresh hosts): copy or marker, decided there. */
  backupEither: () => [
    "sh",
    "-c",
    `if [ -e ${DAEMON_JSON} ]; then cp -p ${DAEMON_JSON} ${DAEMON_JSON_BACKUP}; else touch ${DAEMON_JSON_NONE}; fi`,
  ],
  restore: () => ["mv", "-f", DAEMON_JSON_BACKUP, DAEMON_JSON],
  removeWritten: () => ["rm", "-f", DAEMON_JSON, DAEMON_JSON_NONE],
};
