import type { Command } from "../command";

/** Every sub-command, in the order `crossnet help` lists them. */
export const commands: Record<string, Command> = {};
