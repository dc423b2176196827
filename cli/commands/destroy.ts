import type { Command } from "../command";
import { runConverge } from "../converge";

const usage = "destroy FILE --inventory INV [--dry-run] [--json]";

export const destroy: Command = {
  usage,
  summary: "remove what Crossnet created for a design (labelled only); exit 0/1/2",
  run: (args) => runConverge("destroy", args, usage),
};
