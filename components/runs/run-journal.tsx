import { statusKey } from "@/components/runs/status-key";
import { STATUS_TONE } from "@/components/runs/ui";
import { codeBlockClass } from "@/components/ui/classes";
import type { Translate } from "@/lib/i18n/ui";
import { displayCommand } from "@/lib/plan/render";
import type { JournalEntry } from "@/lib/store/journal";

function seconds(from: string, to: string | null, t: Translate): string {
  if (!to) return "";
  return t("unit.s", { value: ((Date.parse(to) - Date.parse(from)) / 1000).toFixed(2) });
}

/** An apply's or destroy's step journal: each step's host, command, output, state, exit code and duration. */
export function RunJournal({ journal, t }: { journal: JournalEntry[]; t: Translate }) {
  return (
    <section aria-labelledby="journal-title" className="space-y-2">
      <h2 id="journal-title" className="text-lg font-semibold">
        {t("run.journal")}
      </h2>
      {journal.length === 0 ? (
        <p className="text-sm text-muted">{t("run.noStep")}</p>
      ) : (
        <table className="w-full border-collapse text-sm" data-testid="run-journal">
          <thead className="text-left text-xs text-muted">
            <tr>
              <th scope="col" className="py-1 font-medium">
                {t("lab.col.host")}
              </th>
              <th scope="col" className="py-1 font-medium">
                {t("run.col.step")}
              </th>
              <th scope="col" className="py-1 font-medium">
                {t("run.col.state")}
              </th>
              <th scope="col" className="py-1 font-medium">
                {t("run.col.exit")}
              </th>
              <th scope="col" className="py-1 font-medium">
                {t("run.col.duration")}
              </th>
            </tr>
          </thead>
          <tbody>
            {journal.map((entry) => (
              <tr key={entry.id} className="border-t border-border align-top" data-testid="run-journal-row">
                <td className="py-1 pr-2 font-mono">{entry.host}</td>
                <td className="py-1 pr-2">
                  <details>
                    <summary className="cursor-pointer font-mono text-xs">
                      {entry.resourceId} ({entry.kind})
                    </summary>
                    <code className="mt-1 block whitespace-pre-wrap break-all font-mono text-xs">
                      $ {displayCommand(entry.argv)}
                    </code>
                    {entry.stdout && <pre className={`${codeBlockClass} mt-1 max-h-40`}>{entry.stdout}</pre>}
                    {entry.stderr && (
                      <pre className={`${codeBlockClass} mt-1 max-h-40 text-danger`}>{entry.stderr}</pre>
                    )}
                  </details>
                </td>
                <td className={`py-1 pr-2 font-medium ${STATUS_TONE[entry.state] ?? ""}`}>
                  {t(statusKey(entry.state))}
                </td>
                <td className="py-1 pr-2 tabular-nums">{entry.exitCode ?? "—"}</td>
                <td className="py-1 tabular-nums">{seconds(entry.startedAt, entry.finishedAt, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
