import { commands } from "./commands/index";

/** An error the CLI reports as one line and an exit code, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export function printUsage(out: NodeJS.WritableStream): void {
  const lines = ["Usage: crossnet <command> [options]", "", "Commands:"];
  for (const command of Object.values(commands)) lines.push(`  ${command.usage.padEnd(58)} ${command.summary}`);
  out.write(`${lines.join("\n")}\n`);
}
