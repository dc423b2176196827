import { bestEffortTopology, isUnder, refersToDropped } from "./best-effort";
import { assignAddresses } from "./ipam";
import { hasErrors, type Issue, sortIssues } from "./issues";
import { parseTopologyText } from "./parse";
import type { Topology } from "./schema";
import { validateTopology } from "./validate";

export type CheckResult = { ok: boolean; topology?: Topology; issues: Issue[] };

/**
 * Parse + validate a design text and report every problem at once, each with line and column where
 * the text has them. When the structure is wrong, the rest is still checked on what remains.
 */
export function checkTopologyText(text: string): CheckResult {
  const parsed = parseTopologyText(text);
  let topology = parsed.topology;
  let dropped: Issue["path"][] = [];
  if (!topology && parsed.data !== undefined) ({ topology, dropped } = bestEffortTopology(parsed.data));
  if (!topology) return { ok: false, issues: parsed.issues };
  const semantic = validateTopology(topology, assignAddresses(topology))
    .filter((issue) => !isUnder(issue.path, dropped))
    .filter((issue) => dropped.length === 0 || !refersToDropped(issue, topology, parsed.data))
    .map((issue) => ({ ...issue, ...parsed.position(issue.path, false) }));
  const issues = sortIssues([...parsed.issues, ...semantic]);
  return { ok: !hasErrors(issues), ...(parsed.topology ? { topology: parsed.topology } : {}), issues };
}

/** Same as {@link checkTopologyText} for data that is already decoded (canvas, JSON API bodies). */
export function checkTopologyData(data: unknown): CheckResult {
  return checkTopologyText(JSON.stringify(data ?? null));
}
