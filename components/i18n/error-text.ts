import type { Translate, UiKey } from "@/lib/i18n/ui";
import { en } from "@/lib/i18n/ui/en";

function isUiKey(key: string): key is UiKey {
  return Object.hasOwn(en, key);
}

/**
 * An action's error for people, in the reader's language: the catalogue's sentence for its code
 * (`error.<code>`, which may quote the original message as `{message}`), else the message as sent.
 */
export function errorText(t: Translate, error: { code: string; message: string }): string {
  const key = `error.${error.code}`;
  return isUiKey(key) ? t(key, { message: error.message }) : error.message;
}
