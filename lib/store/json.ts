import "server-only";
import { redactValue } from "../text/redact";

/** A value that survives JSON.stringify / JSON.parse unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * Serialises a value for a JSON column after redacting secrets from it, so nothing stored as JSON
 * (run settings, summaries) can carry a password or token even when a caller forgot to remove it.
 */
export function toStoredJson(value: JsonValue): string {
  return JSON.stringify(redactValue(value));
}

/** Parses a JSON column written by {@link toStoredJson}. */
export function fromStoredJson(text: string): JsonValue {
  return JSON.parse(text) as JsonValue;
}
