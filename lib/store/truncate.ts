/** Most characters of stdout or stderr kept per journal row (and of raw ping output per cell). */
export const OUTPUT_MAX_CHARS = 64 * 1024;

/**
 * Bounds a text to `max` characters, keeping its beginning and its end (where errors usually are)
 * around a marker that says how much was cut. Callers redact before truncating, so a secret cut in
 * half cannot slip past the redaction patterns.
 */
export function truncateMiddle(text: string, max: number = OUTPUT_MAX_CHARS): string {
  if (text.length <= max) return text;
  const marker = `\n…[${text.length - max} characters truncated]…\n`;
  const keep = Math.max(0, max - marker.length);
  const head = Math.floor(keep / 4);
  return `${text.slice(0, head)}${marker}${text.slice(text.length - (keep - head))}`;
}
