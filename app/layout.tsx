import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { LocaleProvider } from "@/components/i18n/locale-provider";
import { HideOnPresenter } from "@/components/shell/hide-on-presenter";
import { SiteHeader } from "@/components/shell/site-header";
import { THEME_SCRIPT } from "@/components/shell/theme-script";
import { getTranslator } from "./_lib/locale";
import { requireUser } from "./_lib/session";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: { default: "Crossnet", template: "%s · Crossnet" }, description: t("shell.description") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await requireUser("viewer");
  const { locale, t } = await getTranslator();
  // The per-response nonce proxy.ts put in the CSP: without it the browser refuses this inline script.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang={locale} suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script (no data) that sets the theme before paint */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="flex h-full flex-col font-sans antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-panel focus:px-3 focus:py-2"
        >
          {t("shell.skipToContent")}
        </a>
        <LocaleProvider locale={locale}>
          <HideOnPresenter>
            <SiteHeader
              userName={session.ok ? session.user.userName : null}
              role={session.ok ? session.user.role : undefined}
            />
          </HideOnPresenter>
          <main id="main" className="flex min-h-0 flex-1 flex-col">
            {children}
          </main>
        </LocaleProvider>
      </body>
    </html>
  );
}
