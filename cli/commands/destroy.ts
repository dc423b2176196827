import type { Command } from "../command";
import { runConverge } from "../converge";
import { HELP } from "./help";

const { usage, summary } = HELP.destroy;

export const destroy: Command = {
  usage,
  summary,
  run: (args) => runConverge("destroy", args, usage),
};
