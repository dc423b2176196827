"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** A header link that marks itself as the current page. */
export function NavLink({
  href,
  label,
  testId,
}: {
  href: "/topologies" | "/lessons" | "/hosts" | "/status" | "/runs" | "/audit";
  label: string;
  testId: string;
}) {
  const pathname = usePathname();
  const current = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      data-testid={testId}
      aria-current={current ? "page" : undefined}
      className={`rounded-md px-3 py-1.5 text-sm font-medium ${current ? "bg-panel-2 text-fg" : "text-muted hover:text-fg hover:bg-panel-2"}`}
    >
      {label}
    </Link>
  );
}
