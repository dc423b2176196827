import type { GraphCheck } from "./check-graph";

type Ordered = GraphCheck["issues"][number];

const URGENCY = { error: 0, warning: 1, info: 2 } as const;

/**
 * The Issues panel's order: errors, then warnings, then notes, each group in the design's order (a
 * stable sort of lib/topology's document order), so an error is never listed below notes.
 */
export function byUrgency<T extends Pick<Ordered, "severity">>(issues: readonly T[]): T[] {
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => URGENCY[a.issue.severity] - URGENCY[b.issue.severity] || a.index - b.index)
    .map(({ issue }) => issue);
}
