"use client";

import type { UiKey } from "@/lib/i18n/ui";
import { type CellTone, cellId, cellTone, type MatrixAxes, squareId, squareVerdict } from "@/lib/matrix/matrix";
import type { ProbeCell } from "@/lib/probe/types";
import { useT } from "../i18n/locale-provider";
import { byText, cellDescriptionText, cellLabelText } from "./cell-text";

/**
 * Colours per tone, colour-blind safe and readable in both themes: blue for reaches, vermillion for
 * what was not as expected (after Okabe–Ito), quiet grey for expected blocks; failures also carry ✗.
 */
export const TONE_CLASS: Record<CellTone, string> = {
  pending: "bg-panel-2 text-muted",
  self: "bg-panel text-muted",
  "reach-fast": "bg-pass/45 text-fg",
  reach: "bg-pass/30 text-fg",
  "reach-slow": "bg-pass/15 text-fg ring-1 ring-inset ring-warn",
  "blocked-ok": "bg-panel-2 text-muted",
  fail: "bg-fail/55 text-fg font-semibold",
  error: "bg-fail/20 text-fg font-semibold ring-1 ring-inset ring-fail",
};

const LEGEND: { tone: CellTone; text: UiKey }[] = [
  { tone: "reach-fast", text: "matrix.legend.fast" },
  { tone: "reach", text: "matrix.reached" },
  { tone: "reach-slow", text: "matrix.legend.slow" },
  { tone: "blocked-ok", text: "matrix.legend.blockedOk" },
  { tone: "fail", text: "matrix.legend.fail" },
  { tone: "error", text: "matrix.couldNotProbe" },
];

/**
 * The ping matrix: sources as rows, targets as columns, one square per means (IP, name). A square
 * holds one button per cell (a target on two networks is pinged at both addresses); each opens the
 * cell's details and is keyboard reachable. Names and host text are rendered as text only.
 */
export function MatrixGrid({
  squares,
  axes,
  selected,
  onSelect,
  testId = "matrix",
}: {
  /** Cells by square (lib/matrix cellsBySquare). */
  squares: Record<string, ProbeCell[]>;
  axes: MatrixAxes;
  selected: string | null;
  onSelect: (id: string) => void;
  testId?: string;
}) {
  const t = useT();
  return (
    <div className="space-y-2">
      <div className="overflow-auto">
        <table className="border-separate border-spacing-0.5 text-[10px]" data-testid={testId}>
          <caption className="sr-only">
            {t("matrix.caption", { means: axes.by.map((by) => byText(by, t)).join(", ") })}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="whitespace-nowrap px-1 text-left font-normal text-muted">
                {t("matrix.corner")}
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
                {t("matrix.means")}
              </th>
              {axes.cols.flatMap((to) =>
                axes.by.map((by) => (
                  <th key={`${to}|${by}`} scope="col" className="px-0.5 font-normal text-muted">
                    {byText(by, t)}
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
                    const square = squares[squareId({ from, to, by })] ?? [];
                    const verdict = squareVerdict(square);
                    return (
                      <td
                        key={`${to}|${by}`}
                        className="h-7 min-w-14 p-0"
                        data-testid={`${testId}-cell-${from}-${to}-${by}`}
                        data-verdict={verdict}
                        data-tone={square.length === 1 ? cellTone(square[0]) : verdict}
                      >
                        {square.length === 0 ? (
                          <span
                            className={`flex h-full w-full items-center justify-center rounded ${TONE_CLASS.pending}`}
                            title={t("matrix.notFinished")}
                          >
                            …<span className="sr-only">{t("matrix.pendingCell", { from, to, by })}</span>
                          </span>
                        ) : (
                          <div className="flex h-full w-full gap-px">
                            {square.map((cell) => {
                              const id = cellId(cell);
                              return (
                                <button
                                  key={id}
                                  type="button"
                                  className={`h-full min-w-12 flex-1 rounded px-0.5 text-center ${TONE_CLASS[cellTone(cell)]} ${selected === id ? "outline-2 outline-accent" : ""}`}
                                  aria-pressed={selected === id}
                                  aria-label={cellDescriptionText(cell, t)}
                                  title={`${cell.target}: ${cellDescriptionText(cell, t)}`}
                                  onClick={() => onSelect(id)}
                                  data-target={cell.target}
                                  data-verdict={cell.verdict}
                                >
                                  <span className="block truncate">
                                    {cell.verdict === "fail" ? "✗ " : ""}
                                    {cellLabelText(cell, t)}
                                  </span>
                                </button>
                              );
                            })}
                          </div>
                        )}
                      </td>
                    );
                  }),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="flex flex-wrap gap-x-3 gap-y-1 text-[10px] text-muted" aria-label={t("matrix.legend")}>
        {LEGEND.map((item) => (
          <li key={item.tone} className="flex items-center gap-1">
            <span aria-hidden="true" className={`inline-block h-3 w-3 rounded ${TONE_CLASS[item.tone]}`} />
            {t(item.text)}
          </li>
        ))}
      </ul>
    </div>
  );
}
