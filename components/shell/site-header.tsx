import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { NavLink } from "./nav-link";
import { ThemeToggle } from "./theme-toggle";

/** Product name, the sections, who is signed in (with sign-out), and the theme switch. */
export function SiteHeader({ userName, role }: { userName: string | null; role?: string }) {
  return (
    <header className="flex h-12 shrink-0 items-center gap-4 border-b border-border bg-panel px-4">
      <Link href="/topologies" className="flex items-center gap-2 font-semibold tracking-tight" data-testid="nav-home">
        <span aria-hidden="true" className="inline-block h-3 w-3 rotate-45 rounded-sm bg-accent" />
        Crossnet
      </Link>
      <nav aria-label="Main" className="flex items-center gap-1">
        <NavLink href="/topologies" label="Topologies" testId="nav-topologies" />
        <NavLink href="/hosts" label="Hosts & lab" testId="nav-hosts" />
        <NavLink href="/runs" label="Runs" testId="nav-runs" />
        <NavLink href="/audit" label="Audit" testId="nav-audit" />
      </nav>
      <div className="ml-auto flex items-center gap-3 text-sm text-muted">
        {userName ? (
          <>
            <span data-testid="nav-user" title={role ? `role: ${role}` : undefined}>
              {userName}
            </span>
            <SignOutButton />
          </>
        ) : (
          <Link href="/login" className="hover:text-fg" data-testid="nav-sign-in">
            Sign in
          </Link>
        )}
        <ThemeToggle />
      </div>
    </header>
  );
}
