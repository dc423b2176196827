import type { Text } from "../i18n/text";

/** A message and its hint, as translatable Texts (rendered in the reader's language at the edges). */
export type Said = { message: Text; hint: Text };

/** Builds the message/hint fields of an issue from Texts. */
export function say(message: Text, hint: Text): Said {
  return { message, hint };
}
