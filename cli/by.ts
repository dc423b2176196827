import { CHECK_KINDS, type CheckKind } from "../lib/expect/types";
import { CliError } from "./errors";

/**
 * `--by`: ip, name, both (ip and name, the default), tcp, udp, mtu, all, or a comma list of them
 * (`--by ip,tcp`). Kinds keep the order a pair's cells are listed in.
 */
export function parseBy(flag: string | undefined): "both" | CheckKind | CheckKind[] {
  if (flag === undefined || flag === "both") return "both";
  const wanted = new Set<CheckKind>();
  for (const part of flag.split(",").map((word) => word.trim())) {
    if (part === "all" || part === "both") {
      for (const kind of part === "all" ? CHECK_KINDS : (["ip", "name"] as const)) wanted.add(kind);
      continue;
    }
    const kind = CHECK_KINDS.find((candidate) => candidate === part);
    if (!kind)
      throw new CliError(`--by takes ip, name, both, tcp, udp, mtu or all (a comma list allowed), not '${flag}'`);
    wanted.add(kind);
  }
  const kinds = CHECK_KINDS.filter((kind) => wanted.has(kind));
  // The forms runs have always stored: one kind alone, or `both`.
  if (kinds.length === 2 && wanted.has("ip") && wanted.has("name")) return "both";
  return kinds.length === 1 && kinds[0] ? kinds[0] : kinds;
}
