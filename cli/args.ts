import { type ParseArgsConfig, parseArgs } from "node:util";
import { CliError } from "./errors";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parses options with node:util, turning its exceptions into one-line usage errors. */
export function parseCommandArgs<O extends Options>(args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\nusage: crossnet ${usage}`);
  }
}

/** The single positional FILE argument most commands take. */
export function requireFile(positionals: string[], usage: string): string {
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new CliError(`expected exactly one FILE\nusage: crossnet ${usage}`);
  return file;
}
