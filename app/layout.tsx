import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/shell/site-header";
import { THEME_SCRIPT } from "@/components/shell/theme-script";
import { requireUser } from "./_lib/session";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Crossnet", template: "%s · Crossnet" },
  description: "Draw cross-host container networks, get the exact commands, run them, and test reachability.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await requireUser("viewer");
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script (no data) that sets the theme before paint */}
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="flex h-full flex-col font-sans antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-panel focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <SiteHeader
          userName={session.ok ? session.user.userName : null}
          role={session.ok ? session.user.role : undefined}
        />
        <main id="main" className="flex min-h-0 flex-1 flex-col">
          {children}
        </main>
      </body>
    </html>
  );
}
