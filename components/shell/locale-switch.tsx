"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import type { Locale } from "@/lib/i18n/locale";
import { localeCookie } from "@/lib/i18n/request-locale";
import { useLocale, useT } from "../i18n/locale-provider";

/** Switches the dashboard between English and 中文; the choice is kept in a cookie and the page re-rendered. */
export function LocaleSwitch() {
  const locale = useLocale();
  const t = useT();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const next: Locale = locale === "zh-CN" ? "en" : "zh-CN";
  return (
    <button
      type="button"
      data-testid="locale-switch"
      data-locale={locale}
      lang={next}
      aria-label={t("shell.switchLanguage")}
      title={t("shell.switchLanguage")}
      disabled={pending}
      className="rounded-md border border-border px-2.5 py-1 text-sm hover:bg-panel-2 disabled:opacity-60"
      onClick={() => {
        // biome-ignore lint/suspicious/noDocumentCookie: a display preference the server reads; no secret, no session
        document.cookie = localeCookie(next);
        document.documentElement.lang = next;
        startTransition(() => router.refresh());
      }}
    >
      {next === "zh-CN" ? "中文" : "English"}
    </button>
  );
}
