import type { CheckKind } from "@/lib/expect/types";
import type { Translate } from "@/lib/i18n/ui";
import { formatMs } from "@/lib/matrix/matrix";
import type { ProbeCell } from "@/lib/probe/types";

/** A duration in milliseconds in the reader's language ("0.12 ms", "0.12 毫秒"). */
export function msText(ms: number, t: Translate): string {
  return t("unit.ms", { value: formatMs(ms).replace(/ ms$/, "") });
}

/** What a means is called in the reader's language (the matrix's "ip" / "name" headers). */
export function byText(by: CheckKind, t: Translate): string {
  return t(`matrix.by.${by}`);
}

/** How ping says a name did not resolve: busybox `bad address 'x'`, iputils `Temporary failure in name resolution` and kin. */
const UNRESOLVED = /bad address|name resolution|not known|no address associated/i;

/**
 * True when the target's name did not resolve: ping sent nothing, so "0/0 replies, 100% loss" would
 * describe a ping that never happened.
 */
export function nameNotResolved(cell: Pick<ProbeCell, "actual" | "sent" | "error">): boolean {
  return cell.actual !== "reach" && cell.sent === 0 && UNRESOLVED.test(cell.error ?? "");
}

/** What came back, after the outcome: the replies and loss, or that the name did not resolve. */
export function repliesText(cell: ProbeCell, t: Translate): string {
  return nameNotResolved(cell)
    ? t("cell.nameNotResolved")
    : t("cell.replies", { received: cell.received, sent: cell.sent, loss: cell.lossPct });
}

/** The short text inside a matrix cell, in the reader's language (lib/matrix's `cellLabel`, translated). */
export function cellLabelText(cell: ProbeCell | undefined, t: Translate): string {
  if (!cell) return "…";
  if (cell.mtu && cell.actual === "reach" && cell.mtu.path !== null) return String(cell.mtu.path);
  if (cell.actual === "reach") {
    const reached = cell.rttMs ? msText(cell.rttMs.avg, t) : t("matrix.reach");
    // A lossy link (an impairment, a congested path) shows in the cell itself, not only in its details.
    return cell.lossPct > 0 ? `${reached} · ${Math.round(cell.lossPct)}%` : reached;
  }
  if (cell.actual === "blocked" && cell.error?.startsWith("refused")) return t("matrix.refused");
  if (cell.actual === "error") return t("matrix.error");
  return nameNotResolved(cell) || /bad address/.test(cell.error ?? "") ? t("matrix.badAddress") : t("matrix.blocked");
}

/** A sentence for screen readers and titles (lib/matrix's `cellDescription`, translated). */
export function cellDescriptionText(cell: ProbeCell, t: Translate): string {
  const detail = cell.error ? ` (${cell.error})` : "";
  const outcome =
    cell.actual === "reach"
      ? `${cell.rttMs ? t("matrix.reachedIn", { ms: msText(cell.rttMs.avg, t) }) : t("matrix.reached")}${
          cell.lossPct > 0
            ? ` (${t("cell.replies", { received: cell.received, sent: cell.sent, loss: cell.lossPct })})`
            : ""
        }`
      : cell.actual === "error"
        ? `${t("matrix.couldNotProbe")}${detail}`
        : `${t("matrix.blocked")}${detail}`;
  return t("matrix.description", {
    from: cell.from,
    to: cell.to,
    at: cell.by !== "name" ? t("matrix.at", { target: cell.target }) : "",
    by: byText(cell.by, t),
    expected: t(cell.expected === "reach" ? "matrix.reach" : "matrix.blocked"),
    outcome,
    verdict: t(cell.verdict === "pass" ? "status.pass" : "status.fail"),
  });
}
