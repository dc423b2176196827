import Link from "next/link";
import { z } from "zod";
import { RunsList } from "@/components/runs/runs-list";
import { listRuns } from "@/lib/store/runs";
import { RUN_KINDS } from "@/lib/store/schema";
import { runListItem } from "../_lib/runs";
import { requireUser } from "../_lib/session";
import { getStore } from "../_lib/store";

export const dynamic = "force-dynamic";
export const metadata = { title: "Runs" };

const Query = z.object({ kind: z.enum(RUN_KINDS).optional() });

export default async function RunsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const session = await requireUser("viewer");
  if (!session.ok) return <p className="p-6">{session.error.message}</p>;
  const query = Query.safeParse(await searchParams);
  const kind = query.success ? query.data.kind : undefined;
  const store = getStore();
  const runs = listRuns(store, { ...(kind ? { kind } : {}), limit: 200 }).map((run) => runListItem(store, run));
  const filters: { label: string; href: string; active: boolean }[] = [
    { label: "All", href: "/runs", active: !kind },
    ...RUN_KINDS.map((k) => ({
      label: k === "ping" ? "Ping matrices" : `${k[0]?.toUpperCase()}${k.slice(1)}`,
      href: `/runs?kind=${k}`,
      active: kind === k,
    })),
  ];
  return (
    <section className="mx-auto w-full max-w-6xl space-y-4 p-6" data-testid="runs-page">
      <div className="flex items-baseline justify-between gap-4">
        <h1 className="text-xl font-semibold">Runs</h1>
        <nav aria-label="Filter runs" className="flex gap-1 text-sm">
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
      <p className="text-sm text-muted">
        Every apply, destroy, ping matrix and lab operation, with the topology version it ran. Open one for its log or
        matrix; tick two ping runs to see which cells changed.
      </p>
      {runs.length === 0 ? (
        <p
          className="rounded-lg border border-dashed border-border p-8 text-center text-muted"
          data-testid="runs-empty"
        >
          No runs yet. Open a topology, then use its Apply tab to build it on hosts and its Test tab to run the ping
          matrix; each run appears here.
        </p>
      ) : (
        <RunsList runs={runs} />
      )}
    </section>
  );
}
