import type { Command } from "../command";
import { runConverge } from "../converge";

const usage = "apply FILE --inventory INV [--json] [--dry-run]";

export const apply: Command = {
  usage,
  summary: "make the hosts match a design; exit 0 done, 1 failed, 2 partial",
  run: (args) => runConverge("apply", args, usage),
};
