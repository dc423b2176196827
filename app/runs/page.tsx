import Link from "next/link";
import { z } from "zod";
import { RunsList } from "@/components/runs/runs-list";
import { runListItem } from "@/lib/app/run-history";
import type { UiKey } from "@/lib/i18n/ui";
import { listRuns } from "@/lib/store/runs";
import { RUN_KINDS } from "@/lib/store/schema";
import { getTranslator } from "../_lib/locale";
import { requireUser } from "../_lib/session";
import { getStore } from "../_lib/store";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslator()).t("nav.runs") };
}

const Query = z.object({ kind: z.enum(RUN_KINDS).optional() });

const FILTER_LABEL: Record<(typeof RUN_KINDS)[number], UiKey> = {
  apply: "runs.filter.apply",
  destroy: "runs.filter.destroy",
  ping: "runs.filter.ping",
  lab: "runs.filter.lab",
};

export default async function RunsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const session = await requireUser("viewer");
  if (!session.ok) return <p className="p-6">{session.error.message}</p>;
  const { t } = await getTranslator();
  const query = Query.safeParse(await searchParams);
  const kind = query.success ? query.data.kind : undefined;
  const store = getStore();
  const runs = listRuns(store, { ...(kind ? { kind } : {}), limit: 200 }).map((run) => runListItem(store, run));
  const filters: { label: string; href: string; active: boolean }[] = [
    { label: t("runs.filter.all"), href: "/runs", active: !kind },
    ...RUN_KINDS.map((k) => ({
      label: t(FILTER_LABEL[k]),
      href: `/runs?kind=${k}`,
      active: kind === k,
    })),
  ];
  return (
    <section className="mx-auto w-full max-w-6xl space-y-4 p-6" data-testid="runs-page">
      <div className="flex items-baseline justify-between gap-4">
        <h1 className="text-xl font-semibold">{t("nav.runs")}</h1>
        <nav aria-label={t("runs.filter")} className="flex gap-1 text-sm">
          {filters.map((filter) => (
            <Link
              key={filter.href}
              href={filter.href}
              aria-current={filter.active ? "page" : undefined}
              className={`rounded-md px-2 py-1 ${filter.active ? "bg-panel-2 font-medium" : "text-muted hover:text-fg"}`}
            >
              {filter.label}
            </Link>
          ))}
        </nav>
      </div>
      <p className="text-sm text-muted">{t("runs.intro")}</p>
      {runs.length === 0 ? (
        <p
          className="rounded-lg border border-dashed border-border p-8 text-center text-muted"
          data-testid="runs-empty"
        >
          {t("runs.empty")}
        </p>
      ) : (
        <RunsList runs={runs} />
      )}
    </section>
  );
}
