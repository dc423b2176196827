import { clearImpairments, type ImpairReport, impairPoint } from "../../lib/app/impair";
import { parseImpairRequest } from "../../lib/plan/impairment";
import { quoteArgv } from "../../lib/plan/quote";
import { parseCommandArgs } from "../args";
import type { Command } from "../command";
import { cliActor, openCliAudit } from "../converge";
import { requireDesignOnHosts } from "../design-on-hosts";
import { CliError } from "../errors";
import { loadInventory } from "../inventory";
import { loadValidDesign } from "../load";
import { terminalSafe } from "../progress";
import { colours } from "../style";
import { HELP } from "./help";

const { usage, summary } = HELP.impair;

/** `crossnet impair FILE --inventory INV --at POINT (--down | --rate R | --loss P | --delay D) | --clear`. */
export const impair: Command = {
  usage,
  summary,
  async run(args) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        inventory: { type: "string", short: "i" },
        at: { type: "string" },
        down: { type: "boolean" },
        rate: { type: "string" },
        loss: { type: "string" },
        delay: { type: "string" },
        clear: { type: "boolean" },
        json: { type: "boolean" },
      },
      usage,
    );
    const target = requireDesignOnHosts(positionals, values.inventory, usage);
    const topology = await loadValidDesign(target.file);
    const request = parseImpairRequest(values, topology);
    if (!request.ok)
      throw new CliError(
        `--${request.problem.field === "action" ? "down|--rate|--loss|--delay|--clear" : request.problem.field === "point" ? "at" : request.problem.field}: ${request.problem.message}\n  hint: ${request.problem.hint}\nusage: crossnet ${usage}`,
      );
    const { inventory, dir } = await loadInventory(target.inventory);
    const { audit, close } = openCliAudit();
    let report: ImpairReport;
    try {
      const options = { inventory, inventoryDir: dir, who: cliActor(), audit };
      report =
        request.value.action === "apply"
          ? await impairPoint(topology, request.value.point, request.value.impairment, options)
          : await clearImpairments(topology, request.value.points, options);
    } catch (error) {
      throw new CliError((error as Error).message, 1);
    } finally {
      close();
    }
    if (values.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return report.ok ? 0 : 1;
    }
    const c = colours(process.stdout);
    for (const command of report.commands)
      process.stdout.write(
        `  ${c.dim(`${command.host}$`)} ${terminalSafe(quoteArgv(command.argv))}  ${command.code === 0 ? c.green("ok") : c.red(`exit ${command.code}`)}\n`,
      );
    if (!report.ok) {
      process.stdout.write(`${c.red("✗")} ${terminalSafe(report.point)}: ${terminalSafe(report.reason)}\n`);
      return 1;
    }
    if (report.impairment === "cleared")
      process.stdout.write(
        `${c.green("✓")} ${report.commands.length ? `cleared ${report.commands.length} impairment(s) on ${report.point}` : `nothing to clear on ${report.point}`}\n`,
      );
    else
      process.stdout.write(
        `${c.green("✓")} ${report.point}: ${report.impairment}. 'crossnet status' shows it as drift; 'crossnet apply' or 'crossnet impair … --clear' removes it.\n`,
      );
    for (const note of report.notes) process.stdout.write(`  ${c.yellow("note:")} ${note}\n`);
    return 0;
  },
};
