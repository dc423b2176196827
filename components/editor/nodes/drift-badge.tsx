"use client";

import { type DriftMark, type DriftState, renderDriftReasons } from "@/lib/drift/drift";
import type { UiKey } from "@/lib/i18n/ui";
import { useLocale, useT } from "../../i18n/locale-provider";

const STATE_KEY: Record<DriftState, UiKey> = {
  missing: "drift.missing",
  changed: "drift.changed",
  extra: "drift.extra",
  conflict: "drift.conflict",
  unreachable: "drift.unreachable",
};

const TONE: Record<DriftState, string> = {
  missing: "border-warn bg-panel text-warn",
  changed: "border-warn bg-warn text-panel",
  extra: "border-info bg-panel text-info",
  conflict: "border-danger bg-danger text-panel",
  unreachable: "border-danger bg-danger text-panel",
};

/** A small tag on a canvas element saying how the hosts differ from it (reasons, in the UI's language, in its title). */
export function DriftBadge({ drift, testId, extra }: { drift: DriftMark; testId: string; extra?: string }) {
  const t = useT();
  const text = renderDriftReasons(drift, useLocale());
  return (
    <span
      role="img"
      aria-label={t("drift.onHosts", { state: t(STATE_KEY[drift.state]), reasons: text })}
      title={text}
      className={`pointer-events-auto absolute -top-2 right-1 z-10 rounded border px-1 text-[9px] font-semibold uppercase leading-3 tracking-wide ${TONE[drift.state]}`}
      data-testid={testId}
      data-state={drift.state}
    >
      {t(STATE_KEY[drift.state])}
      {extra ?? ""}
    </span>
  );
}
