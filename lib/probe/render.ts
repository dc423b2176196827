import "server-only";
import { CHECK_KINDS } from "../expect/types";
import type { Locale } from "../i18n/locale";
import { render, type Text, t } from "../i18n/text";
import { safeText } from "../text/safe-text";
import type { ProbeCell } from "./types";

/** How text is coloured; the default leaves it plain (tests, logs, NO_COLOR). */
export type Paint = { green: (text: string) => string; red: (text: string) => string; dim: (text: string) => string };

const unpainted: Paint = { green: (text) => text, red: (text) => text, dim: (text) => text };

const MARK = { reach: "✓", blocked: "✗", error: "!" } as const;

/**
 * The matrix as text: a row per source, a column per target. Each entry shows one mark per cell,
 * by IP first (one per target address) then by name: ✓ reached, ✗ did not, ! could not probe;
 * green when that is what the design expects, red when not; then the average RTT (ms) of the first
 * address that answered. The header and the legend are in `locale` (English by default). Pure.
 */
export function renderMatrix(cells: readonly ProbeCell[], paint: Paint = unpainted, locale: Locale = "en"): string {
  const names = unique(cells.flatMap((cell) => [cell.from, cell.to]));
  const sources = names.filter((name) => cells.some((cell) => cell.from === name));
  const targets = names.filter((name) => cells.some((cell) => cell.to === name));
  const entry = (from: string, to: string) => {
    if (from === to) return { text: "—", painted: paint.dim("—") };
    const mine = cells.filter((cell) => cell.from === from && cell.to === to);
    if (mine.length === 0) return { text: "·", painted: paint.dim("·") };
    const ordered = CHECK_KINDS.flatMap((kind) => mine.filter((cell) => cell.by === kind));
    const marks = ordered.map((cell) => MARK[cell.actual]);
    const rtt = ordered.find((cell) => cell.by === "ip" && cell.rttMs)?.rttMs?.avg;
    const loss = ordered.find((cell) => cell.actual === "reach" && cell.lossPct > 0)?.lossPct;
    const suffix = (rtt === undefined ? "" : ` ${formatMs(rtt)}`) + (loss === undefined ? "" : ` ${Math.round(loss)}%`);
    const painted = ordered
      .map((cell, index) => (cell.verdict === "pass" ? paint.green : paint.red)(marks[index] ?? ""))
      .join("");
    return { text: marks.join("") + suffix, painted: painted + (suffix ? paint.dim(suffix) : "") };
  };
  const header = render(t`from \\ to`, locale);
  const first = Math.max(columns(header), ...sources.map(columns));
  const rows = sources.map((from) => targets.map((to) => entry(from, to)));
  const widths = targets.map((to, column) =>
    Math.max(columns(to), ...rows.map((row) => columns(row[column]?.text ?? ""))),
  );
  const pad = (text: string, visible: string, width: number) =>
    text + " ".repeat(Math.max(0, width - columns(visible)));
  const lines = [[pad(header, header, first), ...targets.map((to, i) => pad(to, to, widths[i] ?? 0))].join("  ")];
  sources.forEach((from, r) => {
    const row = rows[r] ?? [];
    lines.push(
      [pad(from, from, first), ...row.map((cell, i) => pad(cell.painted, cell.text, widths[i] ?? 0))]
        .join("  ")
        .trimEnd(),
    );
  });
  lines.push(
    paint.dim(
      render(
        t`marks: by IP (one per address), by name, then tcp, udp, mtu checks · ✓ reached ✗ not reached ! not probed · green as expected, red not · ms: average RTT`,
        locale,
      ),
    ),
  );
  return `${lines.map((line) => line.trimEnd()).join("\n")}\n`;
}

/**
 * The failed cells, each with what was expected, what happened, the diagnosis and the command that ran,
 * in `locale` (English by default). Pure.
 */
export function renderFailures(cells: readonly ProbeCell[], paint: Paint = unpainted, locale: Locale = "en"): string {
  const failed = cells.filter((cell) => cell.verdict === "fail");
  if (failed.length === 0) return "";
  const say = (text: Text) => render(text, locale);
  const lines = [say(t`${failed.length} failed:`)];
  for (const cell of failed) {
    // Error text, the diagnosis (it quotes host output) and the command come from hosts: escaped for the terminal.
    const error = cell.error === null ? null : safeText(cell.error);
    const command = safeText(cell.command);
    const where =
      cell.network && cell.by !== "name"
        ? t`${cell.from} → ${cell.to} by ${cell.by} ${cell.target} (${cell.network})`
        : t`${cell.from} → ${cell.to} by ${cell.by} ${cell.target}`;
    const expected = cell.mtu
      ? cell.expected === "reach"
        ? t`expected to reach at ${cell.mtu.expected} bytes`
        : t`expected isolation at ${cell.mtu.expected} bytes`
      : cell.expected === "reach"
        ? t`expected to reach`
        : t`expected isolation`;
    const why = cell.diagnosis ? safeText(say(cell.diagnosis)) : say(t`no diagnosis`);
    const ran = t`ran: ${command || say(t`(nothing could run)`)}`;
    lines.push(
      `${paint.red("✗")} ${say(t`${where}: ${expected}, ${what(cell, error)}`)}`,
      `    ${say(t`why: ${why}`)}`,
      paint.dim(`    ${say(ran)}${cell.attempts > 1 ? `  ${say(t`[${cell.attempts} attempts]`)}` : ""}`),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** What happened to a failed cell; `error` is the cell's error, already escaped. */
function what(cell: ProbeCell, error: string | null): Text {
  if (cell.mtu)
    return cell.actual === "reach"
      ? t`path MTU ${String(cell.mtu.path)} (expected ${cell.mtu.expected}, the source's interface claims ${cell.mtu.interface ?? "?"})`
      : error
        ? t`no size passed (${error})`
        : t`no size passed`;
  if (cell.actual === "error") return error ? t`could not probe (${error})` : t`could not probe`;
  if (cell.by === "tcp" || cell.by === "udp")
    return cell.actual === "reach" ? t`connected` : error ? t`${error}` : t`did not connect`;
  const replies = cell.rttMs
    ? t`${cell.received}/${cell.sent} replies, ${formatMs(cell.rttMs.avg)} ms`
    : t`${cell.received}/${cell.sent} replies`;
  const details = cell.actual === "blocked" && error ? t`${replies}, ${error}` : replies;
  return cell.actual === "reach" ? t`reached (${details})` : t`did not reach (${details})`;
}

/** Terminal columns a string takes: CJK and full-width characters take two (a zh header keeps the grid aligned). */
function columns(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

function formatMs(ms: number): string {
  return ms >= 10 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(2);
}
