"use client";

import type { LessonCommand } from "@/lib/lessons/view";
import { useT } from "../i18n/locale-provider";

/** A lesson step's commands, each with the host it runs on and why it is there. */
export function CommandList({ commands, large = false }: { commands: LessonCommand[]; large?: boolean }) {
  const t = useT();
  if (commands.length === 0)
    return (
      <p className="text-sm text-muted" data-testid="lesson-commands-empty">
        {t("lesson.noCommands")}
      </p>
    );
  return (
    <ol className={`space-y-2 ${large ? "text-lg" : "text-sm"}`} data-testid="lesson-commands">
      {commands.map((command) => (
        <li
          key={command.id}
          className="rounded-md border border-border bg-panel p-2"
          data-testid="lesson-command"
          data-kind={command.kind}
          data-resource={command.resourceId}
        >
          <div className="flex flex-wrap items-baseline gap-2">
            <span className="rounded bg-panel-2 px-1.5 font-mono text-xs text-muted">{command.host}</span>
            {command.needed && (
              <span className="rounded border border-warn px-1 text-xs text-warn" title={t("lesson.neededTitle")}>
                {t("lesson.needed")}
              </span>
            )}
          </div>
          <div className={`mt-1 flex gap-1 font-mono ${large ? "text-base" : "text-xs"}`}>
            <span aria-hidden="true" className="select-none text-muted">
              #
            </span>
            <pre className="overflow-auto whitespace-pre-wrap break-all" data-testid="lesson-command-line">
              {command.command}
            </pre>
          </div>
          <p className="mt-1 text-muted" data-testid="lesson-command-explain">
            {command.explain}
          </p>
        </li>
      ))}
    </ol>
  );
}
