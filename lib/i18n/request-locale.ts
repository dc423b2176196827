import { LOCALES, type Locale, pickLocale } from "./locale";

/** The cookie that keeps the language picked in the header (a preference, not a secret). */
export const LOCALE_COOKIE = "crossnet-locale";

/** One year: the choice outlives sessions. */
export const LOCALE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The dashboard's language: the header switch's cookie when set, else the browser's Accept-Language. */
export function requestLocale(cookie: string | undefined | null, acceptLanguage: string | undefined | null): Locale {
  return isLocale(cookie) ? cookie : pickLocale(acceptLanguage);
}

/** The `Set-Cookie`-style string a browser stores for a choice (`document.cookie = …`). */
export function localeCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${LOCALE_COOKIE_MAX_AGE_S}; SameSite=Lax`;
}
