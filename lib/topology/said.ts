import type { Text } from "../i18n/text";

/** A message and its hint, in English and as translatable Texts. */
export type Said = { message: string; hint: string; text: { message: Text; hint: Text } };

/** Builds the message/hint fields of an issue from Texts (English now, any language later). */
export function say(message: Text, hint: Text): Said {
  return { message: message.en, hint: hint.en, text: { message, hint } };
}
