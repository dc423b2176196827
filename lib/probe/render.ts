import "server-only";
import { CHECK_KINDS } from "../expect/types";
import type { ProbeCell } from "./types";

/** How text is coloured; the default leaves it plain (tests, logs, NO_COLOR). */
export type Paint = { green: (text: string) => string; red: (text: string) => string; dim: (text: string) => string };

const plain: Paint = { green: (text) => text, red: (text) => text, dim: (text) => text };

const MARK = { reach: "✓", blocked: "✗", error: "!" } as const;

/**
 * The matrix as text: a row per source, a column per target. Each entry shows one mark per cell,
 * by IP first (one per target address) then by name: ✓ reached, ✗ did not, ! could not probe;
 * green when that is what the design expects, red when not; then the average RTT (ms) of the first
 * address that answered. Pure.
 */
export function renderMatrix(cells: readonly ProbeCell[], paint: Paint = plain): string {
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
  const header = "from \\ to";
  const first = Math.max(header.length, ...sources.map((name) => name.length));
  const rows = sources.map((from) => targets.map((to) => entry(from, to)));
  const widths = targets.map((to, column) =>
    Math.max(to.length, ...rows.map((row) => [...(row[column]?.text ?? "")].length)),
  );
  const pad = (text: string, visible: string, width: number) => text + " ".repeat(width - [...visible].length);
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
      "marks: by IP (one per address), by name, then tcp, udp, mtu checks · ✓ reached ✗ not reached ! not probed · green as expected, red not · ms: average RTT",
    ),
  );
  return `${lines.map((line) => line.trimEnd()).join("\n")}\n`;
}

/** The failed cells, each with what was expected, what happened, the diagnosis and the command that ran. Pure. */
export function renderFailures(cells: readonly ProbeCell[], paint: Paint = plain): string {
  const failed = cells.filter((cell) => cell.verdict === "fail");
  if (failed.length === 0) return "";
  const lines = [`${failed.length} failed:`];
  for (const cell of failed) {
    const what = cell.mtu
      ? `${cell.actual === "reach" ? `path MTU ${cell.mtu.path} (expected ${cell.mtu.expected}, the source's interface claims ${cell.mtu.interface ?? "?"})` : `no size passed${cell.error ? ` (${cell.error})` : ""}`}`
      : cell.actual === "error"
        ? `could not probe${cell.error ? ` (${cell.error})` : ""}`
        : cell.by === "tcp" || cell.by === "udp"
          ? `${cell.actual === "reach" ? "connected" : (cell.error ?? "did not connect")}`
          : `${cell.actual === "reach" ? "reached" : "did not reach"} (${cell.received}/${cell.sent} replies${cell.rttMs ? `, ${formatMs(cell.rttMs.avg)} ms` : ""}${cell.actual === "blocked" && cell.error ? `, ${cell.error}` : ""})`;
    lines.push(
      `${paint.red("✗")} ${cell.from} → ${cell.to} by ${cell.by} ${cell.target}${cell.network && cell.by !== "name" ? ` (${cell.network})` : ""}: expected ${cell.expected === "reach" ? "to reach" : "isolation"}${cell.mtu ? ` at ${cell.mtu.expected} bytes` : ""}, ${what}`,
      `    why: ${cell.diagnosis?.en ?? "no diagnosis"}`,
      paint.dim(
        `    ran: ${cell.command || "(nothing could run)"}${cell.attempts > 1 ? `  [${cell.attempts} attempts]` : ""}`,
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

function formatMs(ms: number): string {
  return ms >= 10 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(2);
}
