"use client";

import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** A lesson's presenter view (`/lessons/<id>/present`): it has its own header, for a projector. */
const PRESENTER = /^\/lessons\/[^/]+\/present\/?$/;

/** Renders its children except on the presenter view, which shows no site header (nor nav bar). */
export function HideOnPresenter({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  return PRESENTER.test(pathname ?? "") ? null : children;
}
