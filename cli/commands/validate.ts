import { render, t } from "../../lib/i18n/text";
import { localizeIssue } from "../../lib/topology/issues";
import { parseCommandArgs, requireFile } from "../args";
import type { Command } from "../command";
import { formatIssues, loadDesign } from "../load";
import { cliLocale } from "../locale";
import { colours } from "../style";
import { HELP } from "./help";

const { usage, summary } = HELP.validate;

export const validate: Command = {
  usage,
  summary,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: "boolean" } }, usage);
    const loaded = await loadDesign(requireFile(positionals, usage));
    if (values.json) {
      const locale = cliLocale();
      const issues = loaded.issues.map((issue) => ({
        code: issue.code,
        severity: issue.severity,
        path: issue.path,
        ...localizeIssue(issue, locale),
        ...(issue.line ? { line: issue.line, column: issue.column } : {}),
      }));
      process.stdout.write(`${JSON.stringify({ ok: loaded.ok, issues }, null, 2)}\n`);
    } else {
      const c = colours(process.stdout);
      const locale = cliLocale();
      if (loaded.issues.length) process.stdout.write(`${formatIssues(loaded, process.stdout)}\n`);
      const count = (severity: string) => loaded.issues.filter((issue) => issue.severity === severity).length;
      const tally = t`${count("error")} errors, ${count("warning")} warnings, ${count("info")} notes`;
      const line = loaded.ok ? t`${loaded.file}: valid (${tally})` : t`${loaded.file}: ${tally}`;
      process.stdout.write(`${loaded.ok ? c.green("✓") : c.red("✗")} ${render(line, locale)}\n`);
    }
    return loaded.ok ? 0 : 1;
  },
};
