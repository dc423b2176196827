import {
  DEFAULT_INVENTORY_PATH,
  isLabError,
  type LabEvent,
  type LabSpec,
  labDown,
  labSpecForHosts,
  labSpecFromTopology,
  labStatus,
  labUp,
  parseEngineChoice,
  withEngines,
} from "../../lib/lab/index";
import { auditedAction } from "../../lib/store/audit-action";
import { parseCommandArgs } from "../args";
import type { Command } from "../command";
import { cliActor, openCliAudit } from "../converge";
import { loadValidDesign } from "../load";
import { colours } from "../style";
import { CliError } from "../usage";
import { HELP } from "./help";

const { usage, summary } = HELP.lab;

/** `crossnet lab up|down|status`: the embedded multi-host lab (Linux, root). */
export const lab: Command = {
  usage,
  summary,
  async run(args) {
    const [action, ...rest] = args;
    try {
      if (action === "up") return await up(rest);
      if (action === "down") return await down(rest);
      if (action === "status") return await status(rest);
    } catch (error) {
      if (isLabError(error)) throw new CliError(error.describe(), 1);
      throw error;
    }
    throw new CliError(`expected up, down or status\nusage: crossnet ${usage}`);
  },
};

async function up(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      for: { type: "string" },
      hosts: { type: "string" },
      docker: { type: "string" },
      inventory: { type: "string" },
      json: { type: "boolean" },
    },
    usage,
  );
  if (positionals.length > 0) throw new CliError(`unexpected '${positionals[0]}'\nusage: crossnet ${usage}`);
  if ((values.for === undefined) === (values.hosts === undefined)) {
    throw new CliError(`give exactly one of --for FILE or --hosts N\nusage: crossnet ${usage}`);
  }
  const docker = values.docker === undefined ? undefined : parseEngineChoice(values.docker);
  if (docker !== undefined && typeof docker === "object" && "error" in docker) {
    throw new CliError(`${docker.error}\nusage: crossnet ${usage}`);
  }
  let spec: LabSpec;
  if (values.for !== undefined) spec = labSpecFromTopology(await loadValidDesign(values.for));
  else {
    const n = Number(values.hosts);
    if (!/^\d+$/.test(values.hosts ?? "") || n < 1 || n > 32) {
      throw new CliError("--hosts must be a whole number from 1 to 32 (each host costs about 120 MB)");
    }
    spec = labSpecForHosts(n);
  }
  try {
    spec = withEngines(spec, docker);
  } catch (error) {
    if (error instanceof RangeError) throw new CliError(`${error.message}\nusage: crossnet ${usage}`);
    throw error;
  }
  const inventoryPath = values.inventory ?? DEFAULT_INVENTORY_PATH;
  const { audit, close } = openCliAudit();
  const result = await auditedAction(audit, { who: cliActor(), what: `lab up ${spec.name}` }, () =>
    labUp(spec, { inventoryPath, onEvent: values.json ? undefined : printEvent }),
  ).finally(close);
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          name: result.name,
          inventoryPath: result.inventoryPath,
          keyPath: result.keyPath,
          durationMs: result.durationMs,
          hosts: result.hosts,
          emulated: result.emulated,
          notices: result.notices,
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  const c = colours(process.stdout);
  for (const notice of result.notices) process.stdout.write(`${c.yellow("notice:")} ${notice}\n`);
  for (const host of result.hosts) {
    const nics = host.nics.flatMap((nic) => [
      `${nic.name}${nic.address ? ` ${nic.address}` : ""}`,
      ...nic.vlans.map((vlan) => `${vlan.name}${vlan.address ? ` ${vlan.address}` : ""}`),
    ]);
    const engine = `docker ${host.docker ?? "20.10"}`.padEnd(13);
    process.stdout.write(
      `  ${c.bold(host.name.padEnd(12))} ssh root@${host.mgmtAddress}  ${engine}${c.dim(nics.join(", "))}\n`,
    );
  }
  process.stdout.write(
    `${c.green("✓")} lab '${result.name}' up: ${result.hosts.length} host(s) in ${(result.durationMs / 1000).toFixed(2)} s\n` +
      `inventory: ${result.inventoryPath}\n`,
  );
  return 0;
}

async function down(args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs(args, {}, usage);
  if (positionals.length > 0) throw new CliError(`unexpected '${positionals[0]}'\nusage: crossnet ${usage}`);
  const { audit, close } = openCliAudit();
  const result = await auditedAction(audit, { who: cliActor(), what: "lab down" }, () =>
    labDown({ onEvent: printEvent }),
  ).finally(close);
  const c = colours(process.stdout);
  for (const warning of result.warnings) process.stderr.write(`${c.yellow("warning:")} ${warning}\n`);
  const { removed } = result;
  process.stdout.write(
    result.found
      ? `${c.green("✓")} lab down in ${(result.durationMs / 1000).toFixed(2)} s: removed ${removed.containers} containers, ${removed.processes} processes, ${removed.netns} namespaces, ${removed.mounts} mounts, ${removed.cgroups} cgroups\n`
      : `${c.green("✓")} no lab was up; nothing to remove\n`,
  );
  return 0;
}

async function status(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: "boolean" } }, usage);
  if (positionals.length > 0) throw new CliError(`unexpected '${positionals[0]}'\nusage: crossnet ${usage}`);
  const result = await labStatus();
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return result.state === "up" || result.state === "down" ? 0 : 1;
  }
  const c = colours(process.stdout);
  if (result.state === "down") {
    process.stdout.write("no lab is up\n");
    if (result.leftovers.length)
      process.stdout.write(`leftovers (run crossnet lab down): ${result.leftovers.join(", ")}\n`);
    return 0;
  }
  const state = result.state === "up" ? c.green(result.state) : c.yellow(result.state);
  process.stdout.write(`lab '${result.name ?? "?"}': ${state}\ninventory: ${result.inventoryPath ?? "-"}\n`);
  if (result.state === "building") {
    process.stdout.write(
      "a `lab up` is running, or one crashed half way: if none is running, run `crossnet lab down`\n",
    );
  }
  if (result.state === "degraded")
    process.stdout.write("a daemon died: run `crossnet lab down`, then `lab up` again\n");
  for (const host of result.hosts) {
    process.stdout.write(
      `${c.bold(host.name)}  ${host.netns}${host.netnsPresent ? "" : c.red(" (namespace missing)")}  mgmt ${host.mgmtAddress}\n`,
    );
    for (const nic of host.nics) {
      process.stdout.write(`  ${nic.name} ${nic.address ?? ""}${nic.promisc ? " promisc" : ""}\n`);
      for (const vlan of nic.vlans) process.stdout.write(`  ${vlan.name} ${vlan.address ?? ""} (VLAN ${vlan.vid})\n`);
    }
    const daemons = host.daemons.map((d) => `${d.name} ${d.pid ?? "-"} ${d.alive ? c.green("up") : c.red("dead")}`);
    process.stdout.write(`  ${daemons.join(", ")}\n`);
  }
  if (result.emulated.length)
    process.stdout.write(`emulated:\n${result.emulated.map((line) => `  - ${line}`).join("\n")}\n`);
  for (const notice of result.notices) process.stdout.write(`${c.yellow("notice:")} ${notice}\n`);
  return result.state === "up" ? 0 : 1;
}

/** One progress line per event, on stderr so stdout stays clean for scripts. */
function printEvent(event: LabEvent): void {
  const c = colours(process.stderr);
  const ms = (value: number) => c.dim(`${value} ms`);
  switch (event.type) {
    case "lab-started":
      process.stderr.write(`building lab '${event.lab}': ${event.hosts.join(", ")}\n`);
      break;
    case "step":
      process.stderr.write(`  ${event.host ? `${event.host}: ` : ""}${event.step} ${ms(event.durationMs)}\n`);
      break;
    case "host-done":
      process.stderr.write(`  ${c.green("✓")} ${event.host} ready ${ms(event.durationMs)}\n`);
      break;
    case "down-step":
      if (event.removed > 0) process.stderr.write(`  ${event.step}: ${event.removed} ${ms(event.durationMs)}\n`);
      break;
    default:
      break;
  }
}
