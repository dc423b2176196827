"use client";

import { useDeferredValue, useMemo, useState } from "react";
import { networkColour, networkColourSlots } from "@/lib/graph/network-colour";
import {
  type Aggregate,
  aggregateByHost,
  aggregateByNetwork,
  blockId,
  drillDown,
  FULL_GRID_MAX_CONTAINERS,
  filterAxes,
} from "@/lib/matrix/aggregate";
import { cellsBySquare, matrixAxes } from "@/lib/matrix/matrix";
import type { ProbeCell } from "@/lib/probe/types";
import { useT } from "../i18n/locale-provider";
import { MatrixGrid } from "./matrix-grid";

type Mode = "grid" | "host" | "network";

const control =
  "rounded-md border border-border bg-panel px-2 py-1 text-xs font-medium hover:bg-panel-2 aria-pressed:border-accent aria-pressed:bg-accent/15";

/**
 * The ping matrix at any size: the full grid up to ~40 containers, beyond that a heat-map of blocks
 * (host × host or network × network) with pass, fail and not-probed counts and a drill-down to the
 * cells; "failed only" and a container search filter both. Cells open through `onSelect`.
 */
export function MatrixView({
  cells: liveCells,
  containers,
  selected,
  onSelect,
  testId = "matrix",
  networkColours,
}: {
  cells: ProbeCell[];
  containers: readonly string[];
  selected: string | null;
  onSelect: (id: string) => void;
  testId?: string;
  /** CSS colour per network name, for the network view's headers. */
  networkColours?: Readonly<Record<string, string>>;
}) {
  const t = useT();
  // A live run adds cells one by one: summing 16,000 of them on every arrival would stall the page,
  // so the heat-map follows at React's pace (it catches up as soon as the browser is idle).
  const cells = useDeferredValue(liveCells);
  const [mode, setMode] = useState<Mode>(containers.length > FULL_GRID_MAX_CONTAINERS ? "host" : "grid");
  const [failedOnly, setFailedOnly] = useState(false);
  const [query, setQuery] = useState("");
  const [drill, setDrill] = useState<{ row: string; col: string } | null>(null);

  const aggregate = useMemo(() => {
    if (mode === "grid") return null;
    const by = matrixAxes(containers, cells).by;
    return mode === "host" ? aggregateByHost(containers, cells, by) : aggregateByNetwork(containers, cells);
  }, [mode, containers, cells]);

  const grid = useMemo(() => {
    if (aggregate && !drill) return null;
    const source = aggregate && drill ? drillDown(aggregate, cells, drill.row, drill.col) : null;
    const shown = source?.cells ?? cells;
    const axes = matrixAxes(source ? [...new Set([...source.rows, ...source.cols])] : containers, shown);
    const base = source ? { rows: source.rows, cols: source.cols } : axes;
    const filtered = filterAxes(base, shown, { failedOnly, query });
    return { squares: cellsBySquare(shown), axes: { ...filtered, by: axes.by } };
  }, [aggregate, drill, cells, containers, failedOnly, query]);

  const pick = (next: Mode) => {
    setMode(next);
    setDrill(null);
  };

  return (
    <div className="space-y-2" data-testid={`${testId}-view`} data-mode={mode}>
      <div className="flex flex-wrap items-center gap-1.5">
        <fieldset className="flex items-center gap-1">
          <legend className="sr-only">{t("matrix.view")}</legend>
          {(["grid", "host", "network"] as const).map((option) => (
            <button
              key={option}
              type="button"
              className={control}
              aria-pressed={mode === option}
              onClick={() => pick(option)}
              data-testid={`${testId}-mode-${option}`}
            >
              {t(`matrix.view.${option}`)}
            </button>
          ))}
        </fieldset>
        <label className="flex items-center gap-1 text-xs">
          <input
            type="checkbox"
            checked={failedOnly}
            onChange={(event) => setFailedOnly(event.target.checked)}
            data-testid={`${testId}-failed-only`}
          />
          {t("matrix.failedOnly")}
        </label>
        <input
          type="search"
          aria-label={t("matrix.find")}
          placeholder={t("matrix.find")}
          className="w-40 rounded-md border border-border bg-panel px-2 py-1 text-xs"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          data-testid={`${testId}-search`}
        />
      </div>
      {aggregate && !drill && (
        <AggregateGrid
          aggregate={aggregate}
          failedOnly={failedOnly}
          query={query}
          onOpen={(row, col) => setDrill({ row, col })}
          testId={`${testId}-blocks`}
          colours={aggregate.group === "network" ? (networkColours ?? coloursByOrder(aggregate.rows)) : undefined}
          note={
            aggregate.group === "network"
              ? t("matrix.networkNote")
              : t("matrix.aggregated", { count: containers.length })
          }
        />
      )}
      {drill && (
        <div className="flex items-center gap-2 text-xs">
          <button type="button" className={control} onClick={() => setDrill(null)} data-testid={`${testId}-back`}>
            {t("matrix.back")}
          </button>
          <span className="font-mono" data-testid={`${testId}-drill`}>
            {t("matrix.drill", { row: drill.row, col: drill.col })}
          </span>
        </div>
      )}
      {grid &&
        (grid.axes.rows.length === 0 || grid.axes.cols.length === 0 ? (
          <p className="text-xs text-muted" data-testid={`${testId}-nothing`}>
            {t("matrix.nothingShown")}
          </p>
        ) : (
          <MatrixGrid squares={grid.squares} axes={grid.axes} selected={selected} onSelect={onSelect} testId={testId} />
        ))}
    </div>
  );
}

/** Network colours by the order the networks appear, when the page has no design to take them from. */
function coloursByOrder(networks: readonly string[]): Record<string, string> {
  const slots = networkColourSlots(networks);
  return Object.fromEntries(networks.map((name) => [name, networkColour(slots.get(name))]));
}

function blockTone(counts: { pass: number; fail: number; notProbed: number } | undefined): string {
  if (!counts) return "bg-panel text-muted";
  if (counts.fail > 0) return counts.pass > 0 ? "bg-fail/30 text-fg font-semibold" : "bg-fail/55 text-fg font-semibold";
  if (counts.pass > 0) return counts.notProbed > 0 ? "bg-pass/15 text-fg" : "bg-pass/35 text-fg";
  return "bg-panel-2 text-muted";
}

/** The blocks of an aggregated matrix: each shows ✓ pass ✗ fail · not probed, and opens its cells. */
function AggregateGrid({
  aggregate,
  failedOnly,
  query,
  onOpen,
  testId,
  colours,
  note,
}: {
  aggregate: Aggregate;
  failedOnly: boolean;
  query: string;
  onOpen: (row: string, col: string) => void;
  testId: string;
  colours: Readonly<Record<string, string>> | undefined;
  note: string;
}) {
  const t = useT();
  const needle = query.trim().toLowerCase();
  // Search keeps the row groups named so or holding a matching container; "failed only" keeps
  // the rows and columns with a failure.
  const failing = (group: string, asRow: boolean) =>
    (asRow ? aggregate.cols : aggregate.rows).some(
      (other) => (aggregate.blocks[asRow ? blockId(group, other) : blockId(other, group)]?.fail ?? 0) > 0,
    );
  const found = (group: string) =>
    !needle ||
    group.toLowerCase().includes(needle) ||
    (aggregate.members[group] ?? []).some((name) => name.toLowerCase().includes(needle));
  const rows = aggregate.rows.filter((row) => found(row) && (!failedOnly || failing(row, true)));
  const cols = aggregate.cols.filter((col) => !failedOnly || failing(col, false));
  const header = (group: string) => {
    const colour = colours?.[group];
    return colour ? { borderBottom: `4px solid ${colour}` } : undefined;
  };
  return (
    <div className="space-y-1">
      <p className="text-xs text-muted">{note}</p>
      {rows.length === 0 || cols.length === 0 ? (
        <p className="text-xs text-muted" data-testid={`${testId}-nothing`}>
          {t("matrix.nothingShown")}
        </p>
      ) : (
        <div className="overflow-auto">
          <table className="border-separate border-spacing-0.5 text-[11px]" data-testid={testId}>
            <caption className="sr-only">{note}</caption>
            <thead>
              <tr>
                <th scope="col" className="whitespace-nowrap px-1 text-left font-normal text-muted">
                  {t("matrix.corner")}
                </th>
                {cols.map((col) => (
                  <th
                    key={col}
                    scope="col"
                    className="max-w-28 truncate px-1 font-mono font-medium"
                    style={header(col)}
                    data-testid={`${testId}-col-${col}`}
                  >
                    {col}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row}>
                  <th
                    scope="row"
                    className="max-w-32 truncate pr-1 text-left font-mono font-medium"
                    style={colours?.[row] ? { borderLeft: `4px solid ${colours[row]}`, paddingLeft: 4 } : undefined}
                  >
                    {row}
                    <span className="ml-1 font-sans font-normal text-muted">
                      ({aggregate.members[row]?.length ?? 0})
                    </span>
                  </th>
                  {cols.map((col) => {
                    const counts = aggregate.blocks[blockId(row, col)];
                    const label = t("matrix.block", {
                      row,
                      col,
                      pass: counts?.pass ?? 0,
                      fail: counts?.fail ?? 0,
                      notProbed: counts?.notProbed ?? 0,
                    });
                    return (
                      <td key={col} className="h-8 min-w-14 p-0">
                        {counts ? (
                          <button
                            type="button"
                            className={`flex h-full w-full items-center justify-center gap-1 rounded px-1 font-mono ${blockTone(counts)}`}
                            aria-label={label}
                            title={label}
                            onClick={() => onOpen(row, col)}
                            data-testid={`${testId}-cell-${row}-${col}`}
                            data-pass={counts.pass}
                            data-fail={counts.fail}
                            data-not-probed={counts.notProbed}
                          >
                            <span>✓{counts.pass}</span>
                            {counts.fail > 0 && <span>✗{counts.fail}</span>}
                            {counts.notProbed > 0 && <span className="text-muted">·{counts.notProbed}</span>}
                          </button>
                        ) : (
                          <span className="block h-full w-full rounded bg-panel" />
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ul className="flex flex-wrap gap-x-3 gap-y-1 text-[10px] text-muted" aria-label={t("matrix.legend")}>
        <li className="flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-3 w-3 rounded bg-pass/35" />✓ {t("matrix.legend.pass")}
        </li>
        <li className="flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-3 w-3 rounded bg-fail/30" />✗ {t("matrix.legend.mixed")}
        </li>
        <li className="flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-3 w-3 rounded bg-panel-2" />·{" "}
          {t("matrix.legend.notProbed")}
        </li>
      </ul>
    </div>
  );
}
