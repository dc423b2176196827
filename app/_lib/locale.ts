import { cookies, headers } from "next/headers";
import type { Locale } from "@/lib/i18n/locale";
import { LOCALE_COOKIE, requestLocale } from "@/lib/i18n/request-locale";
import { type Translate, translator } from "@/lib/i18n/ui";

/** This request's language for server components: the header switch's cookie, else the browser's Accept-Language. */
export async function getLocale(): Promise<Locale> {
  const [jar, incoming] = await Promise.all([cookies(), headers()]);
  return requestLocale(jar.get(LOCALE_COOKIE)?.value, incoming.get("accept-language"));
}

/** The interface catalogue's lookup in this request's language, with the language itself. */
export async function getTranslator(): Promise<{ locale: Locale; t: Translate }> {
  const locale = await getLocale();
  return { locale, t: translator(locale) };
}
