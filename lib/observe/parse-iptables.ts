import "server-only";
import type { ObservedRule } from "../plan/observed";
import { textOf } from "./well-formed";

/** Comment prefix of the rules Crossnet inserts (`-m comment --comment crossnet.topology=NAME`). */
export const RULE_COMMENT_PREFIX = "crossnet.";

/**
 * Parses `iptables [-t TABLE] -S CHAIN` output into the rules of that chain that Crossnet manages:
 * those carrying a `crossnet.` comment. Each spec is the argv after the chain name, unquoted, so it
 * compares equal to the spec the planner builds. Lines that do not tokenize cleanly are dropped.
 * A NAT exemption (`-j RETURN`) below a MASQUERADE rule for the same source never matches: it is
 * marked `shadowed` (Docker re-inserts its masquerade rules at the top when it starts).
 */
export function parseIptables(text: string, table: ObservedRule["table"], chain: string): ObservedRule[] {
  const rules: ObservedRule[] = [];
  const masqueradedSources = new Set<string>();
  for (const line of text.split("\n")) {
    const tokens = tokenize(line.trim());
    if (tokens?.[0] !== "-A" || tokens[1] !== chain) continue;
    const spec = tokens.slice(2);
    const source = spec[spec.indexOf("-s") + 1];
    const comment = spec[spec.indexOf("--comment") + 1];
    if (!spec.includes("--comment") || !comment?.startsWith(RULE_COMMENT_PREFIX)) {
      if (spec.includes("-s") && source && spec.at(-1) === "MASQUERADE") masqueradedSources.add(source);
      continue;
    }
    if (spec.some((token) => textOf(token, 256) === undefined)) continue;
    const shadowed = spec.at(-1) === "RETURN" && source !== undefined && masqueradedSources.has(source);
    rules.push({ table, chain, spec, ...(shadowed ? { shadowed } : {}) });
  }
  return rules;
}

/** Splits one `iptables -S` line: words separated by spaces, `"…"` with `\"` and `\\` escapes. */
function tokenize(line: string): string[] | undefined {
  const tokens: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] === " ") {
      i++;
      continue;
    }
    let token = "";
    if (line[i] === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === "\\" && i + 1 < line.length) i++;
        token += line[i];
        i++;
      }
      if (line[i] !== '"') return undefined;
      i++;
    } else {
      while (i < line.length && line[i] !== " ") token += line[i++];
    }
    tokens.push(token);
  }
  return tokens;
}
