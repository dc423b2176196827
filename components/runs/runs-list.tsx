"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass } from "@/components/ui/classes";
import { render } from "@/lib/i18n/text";
import type { UiKey } from "@/lib/i18n/ui";
import type { RunListItem } from "@/lib/views/history";
import { useLocale, useT } from "../i18n/locale-provider";
import { statusKey } from "./status-key";
import { STATUS_TONE } from "./ui";

const KIND_LABEL: Record<RunListItem["kind"], UiKey> = {
  apply: "runs.kind.apply",
  destroy: "runs.kind.destroy",
  ping: "runs.kind.ping",
  lab: "runs.kind.lab",
};

function when(iso: string): string {
  return iso.replace("T", " ").slice(0, 19);
}

/** The run history: each run with its topology version; pick two ping runs to compare them. */
export function RunsList({ runs }: { runs: RunListItem[] }) {
  const t = useT();
  const locale = useLocale();
  const router = useRouter();
  const [picked, setPicked] = useState<string[]>([]);
  const toggle = (id: string) =>
    setPicked((current) => (current.includes(id) ? current.filter((p) => p !== id) : [...current, id].slice(-2)));
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-3">
        <button
          type="button"
          className={buttonClass}
          disabled={picked.length !== 2}
          onClick={() => router.push(`/runs/compare?a=${picked[0]}&b=${picked[1]}`)}
          data-testid="runs-compare"
        >
          {t("runs.compareSelected")}
        </button>
        <span className="text-sm text-muted" role="status">
          {t("runs.selected", { count: picked.length })}
        </span>
      </div>
      <table
        className="w-full border-collapse overflow-hidden rounded-lg border border-border bg-panel text-sm"
        data-testid="runs-list"
      >
        <thead className="bg-panel-2 text-left">
          <tr>
            <th scope="col" className="px-2 py-2 font-medium">
              <span className="sr-only">{t("runs.compare")}</span>
            </th>
            <th scope="col" className="px-2 py-2 font-medium">
              {t("runs.col.started")}
            </th>
            <th scope="col" className="px-2 py-2 font-medium">
              {t("runs.col.kind")}
            </th>
            <th scope="col" className="px-2 py-2 font-medium">
              {t("runs.col.topology")}
            </th>
            <th scope="col" className="px-2 py-2 font-medium">
              {t("runs.col.status")}
            </th>
            <th scope="col" className="px-2 py-2 font-medium">
              {t("runs.col.outcome")}
            </th>
            <th scope="col" className="px-2 py-2 font-medium">
              {t("runs.col.by")}
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} className="border-t border-border" data-testid={`runs-row-${run.id}`} data-kind={run.kind}>
              <td className="px-2 py-1.5">
                {run.kind === "ping" && (
                  <input
                    type="checkbox"
                    aria-label={t("runs.pick", { when: when(run.startedAt) })}
                    checked={picked.includes(run.id)}
                    onChange={() => toggle(run.id)}
                    data-testid={`runs-pick-${run.id}`}
                  />
                )}
              </td>
              <td className="px-2 py-1.5 tabular-nums">
                <Link
                  href={`/runs/${run.id}`}
                  className="text-accent hover:underline"
                  data-testid={`runs-open-${run.id}`}
                >
                  {when(run.startedAt)}
                </Link>
              </td>
              <td className="px-2 py-1.5">{t(KIND_LABEL[run.kind])}</td>
              <td className="px-2 py-1.5 font-mono">
                {run.topology ? (
                  <Link href={`/topologies/${run.topology.id}`} className="hover:underline">
                    {run.topology.name} v{run.topology.version}
                  </Link>
                ) : (
                  <span className="text-muted">—</span>
                )}
                {run.inventory && (
                  <span className="ml-1 font-sans text-xs text-muted">
                    {t("runs.on", { inventory: run.inventory })}
                  </span>
                )}
              </td>
              <td
                className={`px-2 py-1.5 font-medium ${STATUS_TONE[run.status] ?? ""}`}
                data-testid={`runs-status-${run.id}`}
              >
                {t(statusKey(run.status))}
              </td>
              <td className="max-w-md truncate px-2 py-1.5" title={render(run.outcome, locale)}>
                {render(run.outcome, locale)}
                {run.durationMs !== null && (
                  <span className="ml-1 text-xs text-muted">
                    {t("runs.duration", { seconds: (run.durationMs / 1000).toFixed(1) })}
                  </span>
                )}
              </td>
              <td className="px-2 py-1.5 text-xs text-muted">{run.who}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
