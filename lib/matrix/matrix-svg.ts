import type { ProbeCell } from "../probe/types";
import { EXPORT_COLOURS as C, xml } from "../svg/xml";
import { type By, cellsBySquare, squareId, squareVerdict } from "./matrix";

/**
 * The ping matrix as a self-contained SVG picture (for slides and reports; the PNG is drawn from
 * it): sources as rows, targets and means as columns, blue where every ping of the square was as
 * expected, vermillion with ✗ where one was not, grey where nothing was probed. Small matrices get
 * a label per square; big ones are a pure heat-map. Pure and deterministic.
 */
export function matrixSvg(
  cells: readonly ProbeCell[],
  axes: { rows: readonly string[]; cols: readonly string[]; by: readonly By[] },
  title: string,
  /** The legend's words, in the reader's language. */
  legend: { pass: string; fail: string; notProbed: string } = {
    pass: "as expected",
    fail: "not as expected",
    notProbed: "not probed",
  },
): { svg: string; width: number; height: number } {
  const squares = cellsBySquare(cells);
  const labelled = axes.rows.length <= 40 && axes.cols.length <= 40;
  const cell = labelled ? 26 : 8;
  const gap = labelled ? 2 : 1;
  const longest = Math.max(4, ...axes.rows.map((r) => r.length), ...axes.cols.map((c) => c.length));
  const left = Math.min(220, 12 + longest * 7);
  const top = 36 + Math.min(160, 12 + longest * 6);
  const columns = axes.cols.length * axes.by.length;
  const width = left + columns * (cell + gap) + 16;
  const height = top + axes.rows.length * (cell + gap) + 40;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans Mono, monospace">`,
    `<rect width="100%" height="100%" fill="${C.background}"/>`,
    `<text x="12" y="22" font-size="14" font-weight="bold" fill="${C.fg}">${xml(title)}</text>`,
  ];
  axes.cols.forEach((to, i) => {
    axes.by.forEach((by, j) => {
      const x = left + (i * axes.by.length + j) * (cell + gap) + cell / 2;
      const name = axes.by.length > 1 ? `${to} (${by})` : to;
      parts.push(
        `<text transform="translate(${x},${top - 6}) rotate(-60)" font-size="${labelled ? 10 : 6}" fill="${C.fg}">${xml(name)}</text>`,
      );
    });
  });
  axes.rows.forEach((from, r) => {
    const y = top + r * (cell + gap);
    parts.push(
      `<text x="${left - 6}" y="${y + cell / 2 + 3}" font-size="${labelled ? 10 : 6}" text-anchor="end" fill="${C.fg}">${xml(from)}</text>`,
    );
    axes.cols.forEach((to, i) => {
      axes.by.forEach((by, j) => {
        const x = left + (i * axes.by.length + j) * (cell + gap);
        if (from === to) {
          parts.push(
            `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${C.background}" stroke="${C.border}"/>`,
          );
          return;
        }
        const verdict = squareVerdict(squares[squareId({ from, to, by })]);
        const fill = verdict === "pass" ? C.pass : verdict === "fail" ? C.fail : C.panel;
        const opacity = verdict === "pass" ? 0.45 : verdict === "fail" ? 0.85 : 1;
        parts.push(
          `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" rx="2" fill="${fill}" fill-opacity="${opacity}" data-verdict="${verdict}"/>`,
        );
        if (labelled && verdict !== "pending")
          parts.push(
            `<text x="${x + cell / 2}" y="${y + cell / 2 + 4}" font-size="11" text-anchor="middle" fill="${C.fg}">${verdict === "pass" ? "✓" : "✗"}</text>`,
          );
      });
    });
  });
  const legendY = height - 14;
  parts.push(
    `<rect x="12" y="${legendY - 9}" width="10" height="10" fill="${C.pass}" fill-opacity="0.45"/>`,
    `<text x="26" y="${legendY}" font-size="10" fill="${C.fg}">✓ ${xml(legend.pass)}</text>`,
    `<rect x="130" y="${legendY - 9}" width="10" height="10" fill="${C.fail}" fill-opacity="0.85"/>`,
    `<text x="144" y="${legendY}" font-size="10" fill="${C.fg}">✗ ${xml(legend.fail)}</text>`,
    `<rect x="270" y="${legendY - 9}" width="10" height="10" fill="${C.panel}"/>`,
    `<text x="284" y="${legendY}" font-size="10" fill="${C.fg}">${xml(legend.notProbed)}</text>`,
    "</svg>",
  );
  return { svg: parts.join("\n"), width, height };
}
