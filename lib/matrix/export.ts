import type { Locale } from "../i18n/locale";
import { render } from "../i18n/text";
import type { ProbeCell } from "../probe/types";
import { safeText } from "../text/safe-text";

const COLUMNS = [
  "from",
  "to",
  "by",
  "target",
  "network",
  "host",
  "expected",
  "actual",
  "verdict",
  "sent",
  "received",
  "loss_pct",
  "rtt_min_ms",
  "rtt_avg_ms",
  "rtt_max_ms",
  "attempts",
  "reason",
  "diagnosis",
  "error",
  "command",
] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text that a
 * spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) gets a leading
 * `'`: error text and names come from hosts and must stay text.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  // Control characters and bidi overrides escaped (line breaks and tabs stay: quoting keeps them).
  let text = typeof value === "string" ? safeText(value, { keep: "\t\r\n" }) : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(cell: ProbeCell, locale: Locale): (string | number | null)[] {
  return [
    cell.from,
    cell.to,
    cell.by,
    cell.target,
    cell.network,
    cell.host,
    cell.expected,
    cell.actual,
    cell.verdict,
    cell.sent,
    cell.received,
    cell.lossPct,
    cell.rttMs?.min ?? null,
    cell.rttMs?.avg ?? null,
    cell.rttMs?.max ?? null,
    cell.attempts,
    render(cell.reason, locale),
    cell.diagnosis ? render(cell.diagnosis, locale) : null,
    cell.error,
    cell.command,
  ];
}

/** The matrix as CSV, one line per cell (CRLF line ends, a header line first), its sentences in `locale`. Pure. */
export function matrixCsv(cells: readonly ProbeCell[], locale: Locale = "en"): string {
  const lines = [COLUMNS.join(","), ...cells.map((cell) => row(cell, locale).map(csvField).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}

/** The matrix as JSON: the run's facts and every cell as lib/probe produced it (raw output included). */
export function matrixJson(
  cells: readonly ProbeCell[],
  meta: { topology: string; version: number | null; runId: string | null; startedAt: string | null },
): string {
  const pass = cells.filter((cell) => cell.verdict === "pass").length;
  return `${JSON.stringify({ ...meta, summary: { pass, fail: cells.length - pass }, cells }, null, 2)}\n`;
}

/** A file name for an export: `<topology>-matrix-<when>.<ext>`, only safe characters. */
export function exportFileName(topology: string, at: string | null, ext: "csv" | "json" | "png"): string {
  const when = (at ?? "").replace(/[^0-9]/g, "").slice(0, 14);
  return `${topology.replace(/[^A-Za-z0-9_.-]/g, "_")}-matrix${when ? `-${when}` : ""}.${ext}`;
}
