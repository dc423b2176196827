import { commands } from "./commands/index";
import { CliError, printUsage } from "./usage";

/** Runs one `crossnet` invocation and returns its exit code. */
export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe(process.stdout);
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
  // Every command answers --help (and -h) with its usage, whatever else is on the line.
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(`Usage: crossnet ${command.usage}\n\n${command.summary}\n`);
    return 0;
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

/** `crossnet plan x | head` closes the pipe early: stop writing quietly instead of crashing with EPIPE. */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}
