import { InventoryMismatchError, statusTopology } from "../../lib/app/converge";
import { renderPlanJson, renderPlanText } from "../../lib/plan/render";
import { parseCommandArgs } from "../args";
import type { Command } from "../command";
import { cliActor, openCliAudit } from "../converge";
import { loadDesignOnHosts, requireDesignOnHosts } from "../design-on-hosts";
import { CliError } from "../errors";
import { cliLocale } from "../locale";
import { terminalSafe } from "../progress";
import { colours } from "../style";
import { HELP } from "./help";

const { usage, summary } = HELP.status;

export const status: Command = {
  usage,
  summary,
  async run(args) {
    const { values, positionals } = parseCommandArgs(
      args,
      { inventory: { type: "string", short: "i" }, json: { type: "boolean" } },
      usage,
    );
    const target = requireDesignOnHosts(positionals, values.inventory, usage);
    const { topology, inventory, dir } = await loadDesignOnHosts(target);
    const { audit, close: closeAudit } = openCliAudit();
    const report = await statusTopology(topology, { inventory, inventoryDir: dir, who: cliActor(), audit }).catch(
      (error: unknown) => {
        if (error instanceof InventoryMismatchError) throw new CliError(error.message, 1);
        throw error;
      },
    );
    closeAudit();
    const code = report.unreachable.length ? 2 : report.inSync ? 0 : 1;
    if (values.json) {
      const drift = JSON.parse(renderPlanJson(report.drift)) as object;
      process.stdout.write(
        `${JSON.stringify({ inSync: report.inSync, unreachable: report.unreachable, drift }, null, 2)}\n`,
      );
      return code;
    }
    const c = colours(process.stdout);
    for (const { host, error } of report.unreachable)
      process.stdout.write(`${c.red("✗")} ${host} could not be read: ${terminalSafe(error)}\n`);
    if (report.inSync) process.stdout.write(`${c.green("✓")} ${topology.name}: the hosts match the design.\n`);
    else if (report.drift.steps.length || report.drift.conflicts.length) {
      const locale = cliLocale();
      const title =
        locale === "zh-CN"
          ? `${topology.name} 与主机的差异（apply 将做的）:`
          : `Drift of ${topology.name} (what apply would do):`;
      process.stdout.write(renderPlanText(report.drift, { title, locale }));
    }
    return code;
  },
};
