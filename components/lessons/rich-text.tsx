import { Fragment } from "react";

/** Splits at backticks: odd parts are code. Each part keeps its offset in the text (a stable key). */
function segments(text: string): { at: number; code: boolean; part: string }[] {
  let at = 0;
  return text.split("`").map((part, index) => {
    const segment = { at, code: index % 2 === 1, part };
    at += part.length + 1;
    return segment;
  });
}

/** A lesson paragraph: text with `code` spans (backticks), rendered as text only (no HTML from the file). */
export function RichText({ text, className, testId }: { text: string; className?: string; testId?: string }) {
  return (
    <p className={className} data-testid={testId}>
      {segments(text).map(({ at, code, part }) =>
        code ? (
          <code key={at} className="rounded bg-panel-2 px-1 font-mono text-[0.9em]">
            {part}
          </code>
        ) : (
          <Fragment key={at}>{part}</Fragment>
        ),
      )}
    </p>
  );
}
