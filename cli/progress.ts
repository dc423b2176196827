import type { ApplyEvent } from "../lib/app/converge";
import type { StepReport } from "../lib/exec/runner";
import type { Locale } from "../lib/i18n/locale";
import { render, type Text, t } from "../lib/i18n/text";
import { displayCommand } from "../lib/plan/render";
import { safeText } from "../lib/text/safe-text";
import { colours } from "./style";

const MARK: Record<StepReport["outcome"], string> = {
  ok: "ok",
  failed: "FAILED",
  unknown: "UNKNOWN",
  skipped: "skipped",
};

/**
 * Prints apply/destroy progress. On a terminal: finished steps scroll above a live footer with one
 * line per host (its current step and count); elsewhere: one plain line per finished step.
 */
export function createProgress(stream: NodeJS.WriteStream): {
  onEvent: (event: ApplyEvent) => void;
  close: () => void;
} {
  const c = colours(stream);
  const live = Boolean(stream.isTTY);
  const hosts = new Map<string, string>();
  let footer = 0;
  const width = () => Math.max(40, (stream.columns ?? 100) - 1);

  const write = (lines: string[]) => {
    if (!live) {
      if (lines.length) stream.write(`${lines.join("\n")}\n`);
      return;
    }
    let out = footer ? `\u001b[${footer}F\u001b[J` : "";
    if (lines.length) out += `${lines.join("\n")}\n`;
    const status = [...hosts]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([host, text]) => `  ${c.bold(host)}  ${text}`.slice(0, width()));
    footer = status.length;
    if (status.length) out += `${status.join("\n")}\n`;
    stream.write(out);
  };

  const onEvent = (event: ApplyEvent) => {
    switch (event.type) {
      case "phase":
        if (event.phase !== "run" && event.phase !== "release") write([c.dim(`… ${event.phase}`)]);
        return;
      case "host-unreachable":
        write([`${c.red("✗")} ${event.host}: ${terminalSafe(event.error)}`]);
        return;
      case "lock-taken-over":
        write([
          c.yellow(`! ${event.host}: took over a stale lock of run ${event.from.id} (pid ${event.from.pid} is gone)`),
        ]);
        return;
      case "step-started":
        hosts.set(event.host, `[${event.index + 1}/${event.total}] ${event.step.action} ${event.step.resourceId} …`);
        write([]);
        return;
      case "output":
        return;
      case "step-finished": {
        const { report } = event;
        const seconds = (report.durationMs / 1000).toFixed(2);
        const mark =
          report.outcome === "ok"
            ? c.green(MARK.ok)
            : report.outcome === "skipped"
              ? c.dim(MARK.skipped)
              : c.red(MARK[report.outcome]);
        const line = `${event.host}: ${mark} ${report.step.action} ${report.step.resourceId}${report.outcome === "skipped" ? "" : ` (${seconds} s)`}`;
        if (report.outcome !== "skipped" || !live) write([line]);
        return;
      }
      case "host-failed":
        hosts.set(event.host, c.red(`stopped: ${terminalSafe(event.failure.error)}`));
        write([]);
        return;
      case "done":
        hosts.clear();
        write([]);
        return;
    }
  };
  return { onEvent, close: () => write([]) };
}

/**
 * Text from a host made safe to print on a terminal ({@link safeText}, tab kept): a hostile host
 * could otherwise move the cursor, retitle the terminal or reorder a line with bidi overrides.
 */
export function terminalSafe(text: string): string {
  return safeText(text, { keep: "\t" });
}

/**
 * The conflicts of an apply or destroy, two lines each: what is in the way and the hint, in `locale`
 * (made terminal-safe: a message can name what a host reported).
 */
export function describeConflicts(
  conflicts: { resourceId: string; message: Text; hint: Text }[],
  locale: Locale = "en",
): string[] {
  return conflicts.flatMap((conflict) => [
    `  ! ${conflict.resourceId}: ${terminalSafe(render(conflict.message, locale))}`,
    `    ${terminalSafe(render(t`hint: ${conflict.hint}`, locale))}`,
  ]);
}

/** The failed step of each stopped host: its command and the end of its stderr (made terminal-safe). */
export function describeFailures(
  failures: {
    host: string;
    stepId?: string;
    argv?: string[];
    code: number | null;
    stderr: string;
    error: string;
    diagnosis?: Text;
  }[],
  locale: Locale = "en",
): string[] {
  const lines: string[] = [];
  for (const failure of failures) {
    lines.push(
      `  ${failure.host} stopped${failure.stepId ? ` at ${failure.stepId}` : ""}: ${terminalSafe(failure.error)}`,
    );
    if (failure.argv && failure.code !== null) lines.push(`    $ ${displayCommand(failure.argv)}`);
    const stderr = failure.stderr.trim().split("\n").slice(-5);
    for (const line of stderr) if (line) lines.push(`    ${terminalSafe(line)}`);
    if (failure.diagnosis) lines.push(`    ${terminalSafe(render(t`why: ${failure.diagnosis}`, locale))}`);
  }
  return lines;
}
