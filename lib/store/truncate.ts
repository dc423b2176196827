import "server-only";
import { type RedactOptions, redact } from "../text/redact";

/** Most characters of stdout or stderr kept per journal row. */
export const OUTPUT_MAX_CHARS = 64 * 1024;

/**
 * Bounds a text to `max` characters, keeping its beginning and its end (where errors usually are)
 * around a marker that says how much was cut. Only for text that is already redacted: a cut can
 * split a secret so that the patterns no longer recognise it.
 */
export function truncateMiddle(text: string, max: number = OUTPUT_MAX_CHARS): string {
  if (text.length <= max) return text;
  const marker = `\n…[${text.length - max} characters truncated]…\n`;
  const keep = Math.max(0, max - marker.length);
  const head = Math.floor(keep / 4);
  return `${text.slice(0, head)}${marker}${text.slice(text.length - (keep - head))}`;
}

/**
 * Cuts a text down to about `max` characters at line boundaries only, dropping the partial lines
 * on both sides of the cut. Single-line secrets (tokens, passwords) are therefore never split, and a
 * private key split across the cut is caught by the BEGIN-without-END and END-without-BEGIN rules.
 */
export function clipLines(text: string, max: number): string {
  if (text.length <= max) return text;
  const headEnd = text.lastIndexOf("\n", Math.floor(max / 4));
  const tailStart = text.indexOf("\n", text.length - Math.floor((max * 3) / 4));
  const head = headEnd === -1 ? "" : text.slice(0, headEnd + 1);
  const tail = tailStart === -1 ? "" : text.slice(tailStart + 1);
  return `${head}…[${text.length - head.length - tail.length} characters truncated]…\n${tail}`;
}

/**
 * Makes untrusted text (command output, errors from hosts) safe and small to store: clipped at
 * line boundaries to bound the redaction work, redacted, then truncated to `max`.
 */
export function boundUntrusted(text: string, max: number, options: RedactOptions = {}): string {
  return truncateMiddle(redact(clipLines(text, max * 4), options), max);
}
