"use client";

import { useT } from "../../i18n/locale-provider";
import type { Level } from "../state/editor-store";

/**
 * The mark a canvas node shows when the checker found an error (●) or a warning (▲) on it; nothing for
 * info or no issue. One component, so hosts, networks and the other nodes say it the same way.
 */
export function IssueBadge({
  level,
  testId,
  className = "",
}: {
  level: Level | undefined;
  testId: string;
  className?: string;
}) {
  const t = useT();
  if (!level || level === "info") return null;
  const label = level === "error" ? t("node.hasErrors") : t("node.hasWarnings");
  return (
    <span
      role="img"
      aria-label={label}
      title={label}
      className={`${className} font-bold ${level === "error" ? "text-danger" : "text-warn"}`.trim()}
      data-testid={`${testId}-issue`}
    >
      {level === "error" ? "●" : "▲"}
    </span>
  );
}
