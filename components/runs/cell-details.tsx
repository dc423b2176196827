"use client";

import type { ReactNode } from "react";
import { codeBlockClass } from "@/components/ui/classes";
import { render } from "@/lib/i18n/text";
import { equivalentPing } from "@/lib/matrix/matrix";
import type { ProbeCell } from "@/lib/probe/types";
import { useLocale, useT } from "../i18n/locale-provider";
import { byText, msText, repliesText } from "./cell-text";
import { statusKey } from "./status-key";
import { STATUS_TONE } from "./ui";

/** One cell in full: the command that ran, what was expected and why, what happened, the diagnosis, the raw output. */
export function CellDetails({
  cell,
  testId = "cell-details",
  extra,
}: {
  cell: ProbeCell;
  testId?: string;
  /** More actions on this pair (the editor's "Measure throughput"). */
  extra?: ReactNode;
}) {
  const t = useT();
  const locale = useLocale();
  const outcome = (value: ProbeCell["actual"] | ProbeCell["expected"]) =>
    t(value === "reach" ? "matrix.reach" : value === "blocked" ? "matrix.blocked" : "matrix.error");
  return (
    <section
      aria-label={t("cell.label", { from: cell.from, to: cell.to, by: cell.by })}
      className="space-y-1.5 rounded-md border border-border p-2 text-xs"
      data-testid={testId}
    >
      <h3 className="flex items-baseline justify-between gap-2">
        <span className="font-mono font-semibold">
          {cell.from} → {cell.to}{" "}
          <span className="font-sans font-normal text-muted">{t("cell.by", { by: byText(cell.by, t) })}</span>
        </span>
        <span
          className={`font-semibold uppercase ${STATUS_TONE[cell.verdict] ?? ""}`}
          data-testid={`${testId}-verdict`}
        >
          {t(statusKey(cell.verdict))}
        </span>
      </h3>
      <dl className="grid grid-cols-[6.5rem_1fr] gap-x-2 gap-y-0.5">
        <dt className="text-muted">{t("cell.target")}</dt>
        <dd className="font-mono">
          {cell.target}
          {cell.network ? ` ${t("cell.onNetwork", { network: cell.network })}` : ""}
        </dd>
        <dt className="text-muted">{t("cell.expected")}</dt>
        <dd data-testid={`${testId}-expected`}>
          {outcome(cell.expected)}
          {t("text.colon")}
          {render(cell.reason, locale)}
        </dd>
        <dt className="text-muted">{t("cell.happened")}</dt>
        <dd data-testid={`${testId}-actual`}>
          {outcome(cell.actual)}
          {cell.actual === "reach" && cell.rttMs
            ? ` · ${t("cell.rtt", { min: msText(cell.rttMs.min, t), avg: msText(cell.rttMs.avg, t), max: msText(cell.rttMs.max, t) })}`
            : ""}
          <span data-testid={`${testId}-replies`}>{` · ${repliesText(cell, t)}`}</span>
          {cell.attempts > 1 ? ` · ${t("cell.attempt", { attempt: cell.attempts })}` : ""}
        </dd>
        {cell.mtu && (
          <>
            <dt className="text-muted">{t("cell.mtu")}</dt>
            <dd className="font-mono" data-testid={`${testId}-mtu`}>
              {t("cell.mtuValues", {
                path: cell.mtu.path ?? "?",
                expected: cell.mtu.expected,
                interface: cell.mtu.interface ?? "?",
              })}
            </dd>
          </>
        )}
        {cell.error && (
          <>
            <dt className="text-muted">{t("cell.error")}</dt>
            <dd className="font-mono text-danger" data-testid={`${testId}-error`}>
              {cell.error}
            </dd>
          </>
        )}
        {cell.diagnosis && (
          <>
            <dt className="text-muted">{t("cell.diagnosis")}</dt>
            <dd className="font-medium text-warn" data-testid={`${testId}-diagnosis`}>
              {render(cell.diagnosis, locale)}
            </dd>
          </>
        )}
      </dl>
      <div>
        <p className="text-muted">{t("cell.command", { host: cell.host || t("cell.sourceHost") })}</p>
        <code className="block whitespace-pre-wrap break-all font-mono text-[11px]" data-testid={`${testId}-command`}>
          $ {cell.command || t("cell.notRecorded")}
        </code>
      </div>
      {cell.by === "ip" && cell.command !== equivalentPing(cell) && (
        <div>
          <p className="text-muted">{t("cell.equivalent")}</p>
          <code
            className="block whitespace-pre-wrap break-all font-mono text-[11px]"
            data-testid={`${testId}-equivalent`}
          >
            $ {equivalentPing(cell)}
          </code>
        </div>
      )}
      <div>
        <p className="text-muted">{t("cell.raw")}</p>
        <pre className={`${codeBlockClass} max-h-40`} data-testid={`${testId}-raw`}>
          {cell.rawOutput || t("cell.none")}
        </pre>
      </div>
      {extra}
    </section>
  );
}
