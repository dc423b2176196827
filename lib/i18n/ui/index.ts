import type { Locale } from "../locale";
import { en } from "./en";
import { formatUi, type UiValues } from "./format";
import { zhCN } from "./zh-CN";

export type { UiValues } from "./format";

/** A key of the interface's catalogue (lib/i18n/ui/en.ts). */
export type UiKey = keyof typeof en;

/** The interface's strings per language; zh-CN is typed by en's keys, so a missing one does not compile. */
export const UI_CATALOGUES: Record<Locale, Record<UiKey, string>> = { en, "zh-CN": zhCN };

/** Looks a key up in one language and fills its `{name}` placeholders. */
export type Translate = (key: UiKey, values?: UiValues) => string;

export function translator(locale: Locale): Translate {
  const catalogue = UI_CATALOGUES[locale];
  return (key, values) => formatUi(catalogue[key], values);
}
