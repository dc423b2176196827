import { commands } from "./commands/index";
import { CliError, printUsage } from "./usage";

/** Runs one `crossnet` invocation and returns its exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    printUsage(process.stdout);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`crossnet: unknown command '${name}'. Run 'crossnet help' for the list.\n`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`crossnet ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
