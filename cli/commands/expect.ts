import { expectMatrix } from "../../lib/expect/index";
import { render } from "../../lib/i18n/text";
import { parseCommandArgs, requireFile } from "../args";
import { parseBy } from "../by";
import type { Command } from "../command";
import { loadValidDesign } from "../load";
import { cliLocale } from "../locale";
import { terminalSafe } from "../progress";
import { colours } from "../style";
import { HELP } from "./help";

const { usage, summary } = HELP.expect;

export const expect: Command = {
  usage,
  summary,
  async run(args) {
    const { values, positionals } = parseCommandArgs(
      args,
      { json: { type: "boolean" }, by: { type: "string" } },
      usage,
    );
    const by = parseBy(values.by);
    const topology = await loadValidDesign(requireFile(positionals, usage));
    const matrix = expectMatrix(topology, { by });
    if (values.json) {
      const locale = cliLocale();
      const pairs = matrix.pairs.map(({ from, to, by, target, port, expectedMtu, expected, reason }) => ({
        from,
        to,
        by,
        target,
        ...(port === undefined ? {} : { port }),
        ...(expectedMtu === undefined ? {} : { expectedMtu }),
        expected,
        reason: render(reason, locale),
      }));
      process.stdout.write(`${JSON.stringify({ pairs }, null, 2)}\n`);
      return 0;
    }
    const c = colours(process.stdout);
    const locale = cliLocale();
    const width = Math.max(...matrix.pairs.map((pair) => `${pair.from} → ${pair.to}`.length), 10);
    for (const pair of matrix.pairs) {
      const mark = pair.expected === "reach" ? c.green("reach  ") : c.yellow("blocked");
      const route = `${pair.from} → ${pair.to}`.padEnd(width);
      const reason = terminalSafe(render(pair.reason, locale));
      process.stdout.write(`${route}  ${pair.by.padEnd(4)} ${pair.target.padEnd(18)} ${mark}  ${c.dim(reason)}\n`);
    }
    return 0;
  },
};
