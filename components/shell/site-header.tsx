import Link from "next/link";
import { getTranslator } from "@/app/_lib/locale";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { LocaleSwitch } from "./locale-switch";
import { NavLink } from "./nav-link";
import { ThemeToggle } from "./theme-toggle";

/** Product name, the sections, who is signed in (with sign-out), the language and the theme switches. */
export async function SiteHeader({ userName, role }: { userName: string | null; role?: string }) {
  const { t } = await getTranslator();
  return (
    <header className="flex h-12 shrink-0 items-center gap-4 border-b border-border bg-panel px-4">
      <Link href="/topologies" className="flex items-center gap-2 font-semibold tracking-tight" data-testid="nav-home">
        <span aria-hidden="true" className="inline-block h-3 w-3 rotate-45 rounded-sm bg-accent" />
        Crossnet
      </Link>
      <nav aria-label={t("shell.mainNav")} className="flex items-center gap-1">
        <NavLink href="/topologies" label={t("nav.topologies")} testId="nav-topologies" />
        <NavLink href="/lessons" label={t("nav.lessons")} testId="nav-lessons" />
        <NavLink href="/hosts" label={t("nav.hosts")} testId="nav-hosts" />
        <NavLink href="/status" label={t("nav.status")} testId="nav-status" />
        <NavLink href="/runs" label={t("nav.runs")} testId="nav-runs" />
        <NavLink href="/audit" label={t("nav.audit")} testId="nav-audit" />
      </nav>
      <div className="ml-auto flex items-center gap-3 text-sm text-muted">
        {userName ? (
          <>
            <Link
              href="/account"
              className="hover:text-fg"
              data-testid="nav-user"
              title={role ? t("shell.role", { role }) : undefined}
            >
              {userName}
            </Link>
            <SignOutButton label={t("shell.signOut")} />
          </>
        ) : (
          <Link href="/login" className="hover:text-fg" data-testid="nav-sign-in">
            {t("shell.signIn")}
          </Link>
        )}
        <LocaleSwitch />
        <ThemeToggle />
      </div>
    </header>
  );
}
