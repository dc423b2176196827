import { assignAddresses } from "./ipam";
import { hasErrors, type Issue, sortIssues } from "./issues";
import { parseTopologyText } from "./parse";
import type { Topology } from "./schema";
import { validateTopology } from "./validate";

export type CheckResult = { ok: boolean; topology?: Topology; issues: Issue[] };

/** Parse + validate a design text; every issue carries line and column where the text has them. */
export function checkTopologyText(text: string): CheckResult {
  const parsed = parseTopologyText(text);
  if (!parsed.topology) return { ok: false, issues: parsed.issues };
  const semantic = validateTopology(parsed.topology, assignAddresses(parsed.topology)).map((issue) => ({
    ...issue,
    ...parsed.position(issue.path, false),
  }));
  const issues = sortIssues([...parsed.issues, ...semantic]);
  return { ok: !hasErrors(issues), topology: parsed.topology, issues };
}
