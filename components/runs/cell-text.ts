import type { Translate } from "@/lib/i18n/ui";
import { formatMs } from "@/lib/matrix/matrix";
import type { ProbeCell } from "@/lib/probe/types";

/** The short text inside a matrix cell, in the reader's language (lib/matrix's `cellLabel`, translated). */
export function cellLabelText(cell: ProbeCell | undefined, t: Translate): string {
  if (!cell) return "…";
  if (cell.actual === "reach") return cell.rttMs ? formatMs(cell.rttMs.avg) : t("matrix.reach");
  if (cell.actual === "error") return t("matrix.error");
  return /bad address/.test(cell.error ?? "") ? t("matrix.badAddress") : t("matrix.blocked");
}

/** A sentence for screen readers and titles (lib/matrix's `cellDescription`, translated). */
export function cellDescriptionText(cell: ProbeCell, t: Translate): string {
  const detail = cell.error ? ` (${cell.error})` : "";
  const outcome =
    cell.actual === "reach"
      ? cell.rttMs
        ? t("matrix.reachedIn", { ms: formatMs(cell.rttMs.avg) })
        : t("matrix.reached")
      : cell.actual === "error"
        ? `${t("matrix.couldNotProbe")}${detail}`
        : `${t("matrix.blocked")}${detail}`;
  return t("matrix.description", {
    from: cell.from,
    to: cell.to,
    at: cell.by === "ip" ? t("matrix.at", { target: cell.target }) : "",
    by: cell.by,
    expected: t(cell.expected === "reach" ? "matrix.reach" : "matrix.blocked"),
    outcome,
    verdict: t(cell.verdict === "pass" ? "status.pass" : "status.fail"),
  });
}
