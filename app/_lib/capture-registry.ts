import "server-only";

/** A capture this server runs for a browser: how to stop it, and who started it. */
type Running = { abort: AbortController; userId: string };

/** Most captures running at once from the dashboard (each holds an SSH channel and a decoder). */
export const RUNNING_CAPTURES_MAX = 8;

const holder = globalThis as typeof globalThis & { __crossnetCaptures?: Map<string, Running> };

/** Held on globalThis: the capture route and the stop route are bundled apart and must see the same captures. */
function running(): Map<string, Running> {
  holder.__crossnetCaptures ??= new Map();
  return holder.__crossnetCaptures;
}

/** Registers a capture by the id its browser chose; false when the id is taken or too many run. */
export function registerCapture(id: string, userId: string, abort: AbortController): boolean {
  const map = running();
  if (map.has(id) || map.size >= RUNNING_CAPTURES_MAX) return false;
  map.set(id, { abort, userId });
  return true;
}

export function unregisterCapture(id: string): void {
  running().delete(id);
}

/** Stops a running capture of this user; false when there is none (ended, or someone else's). */
export function stopRegisteredCapture(id: string, userId: string): boolean {
  const entry = running().get(id);
  if (!entry || entry.userId !== userId) return false;
  entry.abort.abort();
  return true;
}
