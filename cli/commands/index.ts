import type { Command } from "../command";
import { type CommandName, HELP } from "./help";

/**
 * Every sub-command, loaded only when it runs: `crossnet validate` does not pay for loading ssh2,
 * SQLite or the lab.
 */
const loaders: Record<CommandName, () => Promise<Command>> = {
  validate: async () => (await import("./validate")).validate,
  plan: async () => (await import("./plan")).plan,
  expect: async () => (await import("./expect")).expect,
  apply: async () => (await import("./apply")).apply,
  status: async () => (await import("./status")).status,
  destroy: async () => (await import("./destroy")).destroy,
  ping: async () => (await import("./ping")).ping,
  capture: async () => (await import("./capture")).capture,
  trace: async () => (await import("./trace")).trace,
  perf: async () => (await import("./perf")).perf,
  impair: async () => (await import("./impair")).impair,
  audit: async () => (await import("./audit")).audit,
  serve: async () => (await import("./serve")).serve,
  users: async () => (await import("./users")).users,
  lab: async () => (await import("./lab")).lab,
};

export const commands: Record<string, Command> = Object.fromEntries(
  (Object.keys(HELP) as CommandName[]).map((name) => [
    name,
    { ...HELP[name], run: async (args: string[]) => (await loaders[name]()).run(args) },
  ]),
);
