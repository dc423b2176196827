import type { Command } from "../command";
import { expect } from "./expect";
import { plan } from "./plan";
import { validate } from "./validate";

/** Every sub-command, in the order `crossnet help` lists them. */
export const commands: Record<string, Command> = {
  validate,
  plan,
  expect,
};
