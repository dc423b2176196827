import { type Locale, pickLocale } from "../lib/i18n/locale";

/** The CLI speaks the language of LC_ALL, LC_MESSAGES or LANG (`zh_CN.UTF-8` → Simplified Chinese). */
export function cliLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  return pickLocale(value?.replace("_", "-").split(".")[0]);
}
