import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { planTopology, renderHostScript, renderPlanJson, renderPlanText } from "../../lib/plan/index";
import { parseCommandArgs, requireFile } from "../args";
import type { Command } from "../command";
import { CliError } from "../errors";
import { loadValidDesign } from "../load";
import { cliLocale } from "../locale";
import { HELP } from "./help";

const { usage, summary } = HELP.plan;

export const plan: Command = {
  usage,
  summary,
  async run(args) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        json: { type: "boolean" },
        script: { type: "boolean" },
        explain: { type: "boolean" },
        host: { type: "string" },
        out: { type: "string" },
      },
      usage,
    );
    const topology = await loadValidDesign(requireFile(positionals, usage));
    const result = planTopology(topology);
    if (values.json && values.script) throw new CliError("choose one of --json and --script");
    if (values.json) {
      process.stdout.write(renderPlanJson(result));
      return 0;
    }
    if (values.script) {
      const hosts = values.host ? [values.host] : Object.keys(topology.hosts);
      const unknown = hosts.filter((host) => !(host in topology.hosts));
      if (unknown.length)
        throw new CliError(`unknown host ${unknown.join(", ")}; hosts: ${Object.keys(topology.hosts).join(", ")}`);
      if (values.out) {
        await mkdir(values.out, { recursive: true });
        for (const host of hosts) {
          const path = join(values.out, `${host}.sh`);
          await writeFile(path, renderHostScript(result, host, topology.name), { mode: 0o755 });
          process.stdout.write(`wrote ${path}\n`);
        }
      } else
        process.stdout.write(
          hosts.map((host) => `# ===== ${host} =====\n${renderHostScript(result, host, topology.name)}`).join("\n"),
        );
      return 0;
    }
    const locale = cliLocale();
    const title =
      locale === "zh-CN" ? `${topology.name} 在全新主机上的计划:` : `Plan for ${topology.name} on fresh hosts:`;
    process.stdout.write(renderPlanText(result, { explain: values.explain, title, locale }));
    return 0;
  },
};
