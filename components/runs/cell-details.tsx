import { formatMs } from "@/lib/matrix/matrix";
import type { ProbeCell } from "@/lib/probe/types";
import { codeBlockClass, STATUS_TONE } from "./ui";

/** One cell in full: the command that ran, what was expected and why, what happened, the diagnosis, the raw output. */
export function CellDetails({ cell, testId = "cell-details" }: { cell: ProbeCell; testId?: string }) {
  return (
    <section
      aria-label={`${cell.from} to ${cell.to} by ${cell.by}`}
      className="space-y-1.5 rounded-md border border-border p-2 text-xs"
      data-testid={testId}
    >
      <h3 className="flex items-baseline justify-between gap-2">
        <span className="font-mono font-semibold">
          {cell.from} → {cell.to} <span className="font-sans font-normal text-muted">by {cell.by}</span>
        </span>
        <span
          className={`font-semibold uppercase ${STATUS_TONE[cell.verdict] ?? ""}`}
          data-testid={`${testId}-verdict`}
        >
          {cell.verdict}
        </span>
      </h3>
      <dl className="grid grid-cols-[6.5rem_1fr] gap-x-2 gap-y-0.5">
        <dt className="text-muted">Target</dt>
        <dd className="font-mono">
          {cell.target}
          {cell.network ? ` (on ${cell.network})` : ""}
        </dd>
        <dt className="text-muted">Expected</dt>
        <dd data-testid={`${testId}-expected`}>
          {cell.expected}: {cell.reason}
        </dd>
        <dt className="text-muted">Happened</dt>
        <dd data-testid={`${testId}-actual`}>
          {cell.actual}
          {cell.actual === "reach" && cell.rttMs
            ? ` · rtt ${formatMs(cell.rttMs.min)} / ${formatMs(cell.rttMs.avg)} / ${formatMs(cell.rttMs.max)}`
            : ""}
          {` · ${cell.received}/${cell.sent} replies, ${cell.lossPct}% loss`}
          {cell.attempts > 1 ? ` · attempt ${cell.attempts}` : ""}
        </dd>
        {cell.error && (
          <>
            <dt className="text-muted">Error</dt>
            <dd className="font-mono text-danger" data-testid={`${testId}-error`}>
              {cell.error}
            </dd>
          </>
        )}
        {cell.diagnosis && (
          <>
            <dt className="text-muted">Diagnosis</dt>
            <dd className="font-medium text-warn" data-testid={`${testId}-diagnosis`}>
              {cell.diagnosis}
            </dd>
          </>
        )}
      </dl>
      <div>
        <p className="text-muted">Command (on {cell.host || "the source's host"})</p>
        <code className="block whitespace-pre-wrap break-all font-mono text-[11px]" data-testid={`${testId}-command`}>
          $ {cell.command || "(not recorded)"}
        </code>
      </div>
      <div>
        <p className="text-muted">Raw output</p>
        <pre className={`${codeBlockClass} max-h-40`} data-testid={`${testId}-raw`}>
          {cell.rawOutput || "(none)"}
        </pre>
      </div>
    </section>
  );
}
