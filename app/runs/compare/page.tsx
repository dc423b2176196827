import Link from "next/link";
import { z } from "zod";
import { STATUS_TONE } from "@/components/runs/ui";
import { compareMatrices } from "@/lib/matrix/compare";
import { formatMs } from "@/lib/matrix/matrix";
import { cellsFromStore, readPingRunSummary } from "@/lib/matrix/stored";
import { orderForCompare } from "@/lib/runs/history";
import { listPingCells } from "@/lib/store/ping-cells";
import { getRun } from "@/lib/store/runs";
import { runListItem } from "../../_lib/runs";
import { requireUser } from "../../_lib/session";
import { getStore } from "../../_lib/store";

export const dynamic = "force-dynamic";
export const metadata = { title: "Compare ping runs" };

const Query = z.object({ a: z.string().uuid(), b: z.string().uuid() });

const CHANGE_TEXT = {
  fixed: "fixed",
  broke: "broke",
  changed: "changed",
  added: "only in the newer run",
  removed: "only in the older run",
} as const;

export default async function ComparePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const session = await requireUser("viewer");
  if (!session.ok) return <p className="p-6">{session.error.message}</p>;
  const query = Query.safeParse(await searchParams);
  const store = getStore();
  const first = query.success ? getRun(store, query.data.a) : null;
  const second = query.success ? getRun(store, query.data.b) : null;
  if (first?.kind !== "ping" || second?.kind !== "ping")
    return (
      <section className="mx-auto w-full max-w-5xl p-6" data-testid="compare-page">
        <p className="text-danger">Pick two ping runs on the Runs page to compare them.</p>
        <Link href="/runs" className="text-accent underline">
          Runs
        </Link>
      </section>
    );
  const [older, newer] = orderForCompare(first, second);
  const cellsOf = (run: typeof older) => cellsFromStore(listPingCells(store, run.id), readPingRunSummary(run.summary));
  const comparison = compareMatrices(cellsOf(older), cellsOf(newer));
  const before = runListItem(store, older);
  const after = runListItem(store, newer);
  const side = (value: (typeof comparison.changes)[number]["before"]) =>
    value ? `${value.verdict} (${value.actual}${value.rttAvgMs !== null ? `, ${formatMs(value.rttAvgMs)}` : ""})` : "—";
  return (
    <section className="mx-auto w-full max-w-5xl space-y-4 p-6" data-testid="compare-page">
      <Link href="/runs" className="text-sm text-muted hover:text-fg">
        ← Runs
      </Link>
      <h1 className="text-xl font-semibold">Which cells changed</h1>
      <div className="grid grid-cols-2 gap-4 text-sm">
        {(
          [
            ["Older", before],
            ["Newer", after],
          ] as const
        ).map(([label, item]) => (
          <div key={item.id} className="rounded-md border border-border bg-panel p-3">
            <p className="text-xs text-muted">{label}</p>
            <Link href={`/runs/${item.id}`} className="font-medium text-accent hover:underline">
              {item.startedAt.replace("T", " ").slice(0, 19)} UTC
            </Link>
            <p className="font-mono">{item.topology ? `${item.topology.name} v${item.topology.version}` : "—"}</p>
            <p>{item.outcome}</p>
          </div>
        ))}
      </div>
      <p className="text-sm" data-testid="compare-summary">
        {comparison.changes.length} cell{comparison.changes.length === 1 ? "" : "s"} changed, {comparison.unchanged}{" "}
        unchanged.
      </p>
      {comparison.changes.length > 0 && (
        <table
          className="w-full border-collapse rounded-lg border border-border bg-panel text-sm"
          data-testid="compare-changes"
        >
          <thead className="bg-panel-2 text-left">
            <tr>
              <th scope="col" className="px-2 py-1.5 font-medium">
                Pair
              </th>
              <th scope="col" className="px-2 py-1.5 font-medium">
                By
              </th>
              <th scope="col" className="px-2 py-1.5 font-medium">
                Older
              </th>
              <th scope="col" className="px-2 py-1.5 font-medium">
                Newer
              </th>
              <th scope="col" className="px-2 py-1.5 font-medium">
                Change
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
                  {CHANGE_TEXT[change.change]}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
