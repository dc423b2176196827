"use client";

import { type CellTone, cellDescription, cellId, cellLabel, cellTone, type MatrixAxes } from "@/lib/matrix/matrix";
import type { ProbeCell } from "@/lib/probe/types";

/** Heat-map colours per tone: green by RTT for reaches, quiet for expected blocks, red for failures. */
export const TONE_CLASS: Record<CellTone, string> = {
  pending: "bg-panel-2 text-muted",
  self: "bg-panel text-muted",
  "reach-fast": "bg-ok/45 text-fg",
  reach: "bg-ok/30 text-fg",
  "reach-slow": "bg-warn/35 text-fg",
  "blocked-ok": "bg-ok/10 text-muted",
  fail: "bg-danger/40 text-fg font-semibold",
  error: "bg-danger/20 text-danger font-semibold",
};

const LEGEND: { tone: CellTone; text: string }[] = [
  { tone: "reach-fast", text: "reached < 1 ms" },
  { tone: "reach", text: "reached" },
  { tone: "reach-slow", text: "reached ≥ 10 ms" },
  { tone: "blocked-ok", text: "blocked, as expected" },
  { tone: "fail", text: "not as expected" },
  { tone: "error", text: "could not probe" },
];

/**
 * The ping matrix: sources as rows, targets as columns, one square per means (IP, name). Each
 * square is a button (keyboard reachable) that opens the cell's details. Names are text only.
 */
export function MatrixGrid({
  cells,
  axes,
  selected,
  onSelect,
  testId = "matrix",
}: {
  cells: Record<string, ProbeCell>;
  axes: MatrixAxes;
  selected: string | null;
  onSelect: (id: string) => void;
  testId?: string;
}) {
  return (
    <div className="space-y-2">
      <div className="overflow-auto">
        <table className="border-separate border-spacing-0.5 text-[10px]" data-testid={testId}>
          <caption className="sr-only">
            Ping matrix: rows are sources, columns are targets; each target has a square per means ({axes.by.join(", ")}
            ).
          </caption>
          <thead>
            <tr>
              <th scope="col" className="px-1 text-left font-normal text-muted">
                from ↓ to →
              </th>
              {axes.cols.map((to) => (
                <th
                  key={to}
                  scope="col"
                  colSpan={axes.by.length}
                  className="max-w-24 truncate px-1 font-mono font-medium"
                >
                  {to}
                </th>
              ))}
            </tr>
            <tr>
              <th scope="col" className="sr-only">
                means
              </th>
              {axes.cols.flatMap((to) =>
                axes.by.map((by) => (
                  <th key={`${to}|${by}`} scope="col" className="px-0.5 font-normal text-muted">
                    {by}
                  </th>
                )),
              )}
            </tr>
          </thead>
          <tbody>
            {axes.rows.map((from) => (
              <tr key={from}>
                <th scope="row" className="max-w-28 truncate pr-1 text-left font-mono font-medium">
                  {from}
                </th>
                {axes.cols.flatMap((to) =>
                  axes.by.map((by) => {
                    if (from === to)
                      return (
                        <td key={`${to}|${by}`} className={`h-7 w-14 rounded text-center ${TONE_CLASS.self}`}>
                          —
                        </td>
                      );
                    const id = cellId({ from, to, by });
                    const cell = cells[id];
                    const tone = cellTone(cell);
                    return (
                      <td key={`${to}|${by}`} className="h-7 w-14 p-0">
                        <button
                          type="button"
                          className={`h-full w-full rounded px-0.5 text-center ${TONE_CLASS[tone]} ${selected === id ? "outline-2 outline-accent" : ""}`}
                          disabled={!cell}
                          aria-pressed={selected === id}
                          aria-label={cell ? cellDescription(cell) : `${from} to ${to} by ${by}: not finished`}
                          title={cell ? cellDescription(cell) : "not finished yet"}
                          onClick={() => onSelect(id)}
                          data-testid={`${testId}-cell-${from}-${to}-${by}`}
                          data-verdict={cell?.verdict ?? "pending"}
                          data-tone={tone}
                        >
                          <span className="block truncate">{cellLabel(cell)}</span>
                        </button>
                      </td>
                    );
                  }),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="flex flex-wrap gap-x-3 gap-y-1 text-[10px] text-muted" aria-label="Legend">
        {LEGEND.map((item) => (
          <li key={item.tone} className="flex items-center gap-1">
            <span aria-hidden="true" className={`inline-block h-3 w-3 rounded ${TONE_CLASS[item.tone]}`} />
            {item.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
