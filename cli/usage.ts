/** The overview `crossnet help` and a bad command print: every command with its usage and summary. */
import { commands } from "./commands/index";

export function printUsage(out: NodeJS.WritableStream): void {
  const lines = ["Usage: crossnet <command> [options]", "", "Commands:"];
  for (const command of Object.values(commands)) lines.push(`  ${command.usage.padEnd(58)} ${command.summary}`);
  out.write(`${lines.join("\n")}\n`);
}
