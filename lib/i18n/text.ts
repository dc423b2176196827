import type { Locale } from "./locale";
import { ZH_TEMPLATES } from "./zh-templates";

/**
 * A sentence shown to a user, kept translatable: its English text, plus the template it came from
 * (`{0}`, `{1}` … where values go) and the values. Values may be Texts themselves (a phrase that
 * also needs translating). Written with the {@link t} tag: t`network '${name}' has no subnet`.
 */
export type Text = { key: string; args: (string | Text)[]; en: string };

/** Tag for user-facing sentences in the pure core; see {@link Text}. */
export function t(strings: TemplateStringsArray, ...values: (string | number | Text | undefined)[]): Text {
  let key = strings[0] ?? "";
  let en = strings[0] ?? "";
  const args: (string | Text)[] = [];
  values.forEach((value, index) => {
    const arg = typeof value === "object" ? value : String(value);
    args.push(arg);
    key += `{${index}}${strings[index + 1] ?? ""}`;
    en += `${typeof arg === "string" ? arg : arg.en}${strings[index + 1] ?? ""}`;
  });
  return { key, args, en };
}

/** A fixed string as a Text (no arguments). */
export function plain(text: string): Text {
  return { key: text, args: [], en: text };
}

/** The text in `locale`. A missing translation falls back to the English template (its values still translated). */
export function render(text: Text, locale: Locale): string {
  if (locale === "en") return text.en;
  const template = ZH_TEMPLATES[text.key] ?? text.key;
  return template.replace(/\{(\d+)\}/g, (_match, index: string) => {
    const arg = text.args[Number(index)];
    if (arg === undefined) return "";
    return typeof arg === "string" ? arg : render(arg, locale);
  });
}

/** Whether two Texts say the same: the same template and the same values (so the same in every locale). */
export function sameText(a: Text | undefined, b: Text | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.key === b.key &&
    a.args.length === b.args.length &&
    a.args.every((arg, index) => {
      const other = b.args[index];
      return typeof arg === "string" || typeof other === "string" ? arg === other : sameText(arg, other);
    })
  );
}

/** Joins Texts with a separator into one Text (e.g. a list of reasons). */
export function joinTexts(texts: Text[], separator: string): Text {
  return {
    key: texts.map((_, index) => `{${index}}`).join(separator),
    args: texts,
    en: texts.map((text) => text.en).join(separator),
  };
}
