import Link from "next/link";
import { NavLink } from "./nav-link";
import { ThemeToggle } from "./theme-toggle";

/** Product name, the three sections, and the theme switch. */
export function SiteHeader({ userName }: { userName: string }) {
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
      </nav>
      <div className="ml-auto flex items-center gap-3 text-sm text-muted">
        <span data-testid="nav-user">{userName}</span>
        <ThemeToggle />
      </div>
    </header>
  );
}
