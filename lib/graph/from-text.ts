import { type Issue, parseTopologyText, safeIssue } from "@/lib/topology";
import { t } from "../i18n/text";
import { topologyToGraph } from "./from-topology";
import type { Graph, Positions } from "./types";

export type TextToGraph =
  | { ok: true; graph: Graph; issues: Issue[] }
  /** The text stays the user's: the canvas is not changed, and `issues` say why (with line:column). */
  | { ok: false; issues: Issue[] };

/**
 * The graph for a YAML/JSON text typed in the editor, when the canvas can draw all of it: the text
 * parses, passes the schema, and every reference resolves (otherwise the canvas would drop part of
 * the user's text). Positions come from the side map.
 */
export function graphFromText(text: string, positions: Positions): TextToGraph {
  const parsed = parseTopologyText(text);
  if (!parsed.topology) return { ok: false, issues: parsed.issues };
  const { graph, unresolved } = topologyToGraph(parsed.topology, positions);
  if (unresolved.length > 0)
    return {
      ok: false,
      issues: unresolved.map((what) =>
        safeIssue({
          code: "unknown-parent" as const,
          severity: "error" as const,
          path: [],
          message: t`the canvas cannot draw ${what}: it does not exist`,
          hint: t`Fix the reference in the text; the canvas shows the last version it could draw.`,
        }),
      ),
    };
  return { ok: true, graph, issues: parsed.issues };
}
