import type { Command } from "../command";
import { runConverge } from "../converge";
import { HELP } from "./help";

const { usage, summary } = HELP.apply;

export const apply: Command = {
  usage,
  summary,
  run: (args) => runConverge("apply", args, usage),
};
