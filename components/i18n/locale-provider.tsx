"use client";

import { createContext, type ReactNode, useContext, useMemo } from "react";
import type { Locale } from "@/lib/i18n/locale";
import { type Translate, translator } from "@/lib/i18n/ui";

const LocaleContext = createContext<Locale>("en");

/** The language the server picked for this request (cookie, else Accept-Language), for client components. */
export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

/** The interface catalogue's lookup in the current language: `t("nav.topologies")`. */
export function useT(): Translate {
  const locale = useLocale();
  return useMemo(() => translator(locale), [locale]);
}
