import Link from "next/link";
import { z } from "zod";
import { statusKey } from "@/components/runs/status-key";
import { STATUS_TONE } from "@/components/runs/ui";
import { readPingRunCells } from "@/lib/app/ping-session";
import { runListItem } from "@/lib/app/run-history";
import { render } from "@/lib/i18n/text";
import type { UiKey } from "@/lib/i18n/ui";
import { compareMatrices } from "@/lib/matrix/compare";
import { formatMs } from "@/lib/matrix/matrix";
import { getRun } from "@/lib/store/runs";
import { orderForCompare } from "@/lib/views/history";
import { getTranslator } from "../../_lib/locale";
import { requireUser } from "../../_lib/session";
import { getStore } from "../../_lib/store";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslator()).t("compare.title") };
}

const Query = z.object({ a: z.string().uuid(), b: z.string().uuid() });

const CHANGE_TEXT = {
  fixed: "compare.fixed",
  broke: "compare.broke",
  changed: "compare.changed",
  added: "compare.added",
  removed: "compare.removed",
} as const satisfies Record<string, UiKey>;

export default async function ComparePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const session = await requireUser("viewer");
  if (!session.ok) return <p className="p-6">{session.error.message}</p>;
  const { locale, t } = await getTranslator();
  const query = Query.safeParse(await searchParams);
  const store = getStore();
  const first = query.success ? getRun(store, query.data.a) : null;
  const second = query.success ? getRun(store, query.data.b) : null;
  if (first?.kind !== "ping" || second?.kind !== "ping")
    return (
      <section className="mx-auto w-full max-w-5xl p-6" data-testid="compare-page">
        <p className="text-danger">{t("compare.pickTwo")}</p>
        <Link href="/runs" className="text-accent underline">
          {t("nav.runs")}
        </Link>
      </section>
    );
  const [older, newer] = orderForCompare(first, second);
  const cellsOf = (run: typeof older) => readPingRunCells(store, run);
  const comparison = compareMatrices(cellsOf(older), cellsOf(newer));
  const before = runListItem(store, older);
  const after = runListItem(store, newer);
  const side = (value: (typeof comparison.changes)[number]["before"]) =>
    value
      ? `${t(statusKey(value.verdict))} (${t(value.actual === "reach" ? "matrix.reach" : value.actual === "blocked" ? "matrix.blocked" : "matrix.error")}${value.rttAvgMs !== null ? `, ${formatMs(value.rttAvgMs)}` : ""})`
      : "—";
  return (
    <section className="mx-auto w-full max-w-5xl space-y-4 p-6" data-testid="compare-page">
      <Link href="/runs" className="text-sm text-muted hover:text-fg">
        ← {t("nav.runs")}
      </Link>
      <h1 className="text-xl font-semibold">{t("compare.heading")}</h1>
      <div className="grid grid-cols-2 gap-4 text-sm">
        {(
          [
            [t("compare.older"), before],
            [t("compare.newer"), after],
          ] as const
        ).map(([label, item]) => (
          <div key={item.id} className="rounded-md border border-border bg-panel p-3">
            <p className="text-xs text-muted">{label}</p>
            <Link href={`/runs/${item.id}`} className="font-medium text-accent hover:underline">
              {item.startedAt.replace("T", " ").slice(0, 19)} UTC
            </Link>
            <p className="font-mono">{item.topology ? `${item.topology.name} v${item.topology.version}` : "—"}</p>
            <p>{render(item.outcome, locale)}</p>
          </div>
        ))}
      </div>
      <p className="text-sm" data-testid="compare-summary">
        {t(comparison.changes.length === 1 ? "compare.summaryOne" : "compare.summary", {
          changed: comparison.changes.length,
          unchanged: comparison.unchanged,
        })}
      </p>
      {comparison.changes.length > 0 && (
        <table
          className="w-full border-collapse rounded-lg border border-border bg-panel text-sm"
          data-testid="compare-changes"
        >
          <thead className="bg-panel-2 text-left">
            <tr>
              <th scope="col" className="px-2 py-1.5 font-medium">
                {t("compare.pair")}
              </th>
              <th scope="col" className="px-2 py-1.5 font-medium">
                {t("compare.by")}
              </th>
              <th scope="col" className="px-2 py-1.5 font-medium">
                {t("compare.older")}
              </th>
              <th scope="col" className="px-2 py-1.5 font-medium">
                {t("compare.newer")}
              </th>
              <th scope="col" className="px-2 py-1.5 font-medium">
                {t("compare.change")}
              </th>
            </tr>
          </thead>
          <tbody>
            {comparison.changes.map((change) => (
              <tr
                key={change.id}
                className="border-t border-border"
                data-testid={`compare-change-${change.from}-${change.to}-${change.by}`}
                data-change={change.change}
              >
                <td className="px-2 py-1.5 font-mono">
                  {change.from} → {change.to}
                </td>
                <td className="px-2 py-1.5">{change.by}</td>
                <td className="px-2 py-1.5">{side(change.before)}</td>
                <td className="px-2 py-1.5">{side(change.after)}</td>
                <td
                  className={`px-2 py-1.5 font-medium ${change.change === "broke" ? STATUS_TONE.fail : change.change === "fixed" ? STATUS_TONE.pass : ""}`}
                >
                  {t(CHANGE_TEXT[change.change])}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
