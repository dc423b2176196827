import type { Command } from "../command";
import { apply } from "./apply";
import { audit } from "./audit";
import { destroy } from "./destroy";
import { expect } from "./expect";
import { lab } from "./lab";
import { plan } from "./plan";
import { status } from "./status";
import { validate } from "./validate";

/** Every sub-command, in the order `crossnet help` lists them. */
export const commands: Record<string, Command> = {
  validate,
  plan,
  expect,
  apply,
  status,
  destroy,
  audit,
  lab,
};
