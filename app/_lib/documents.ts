import { checkTopologyText, type Issue, serializeTopology, type Topology } from "@/lib/topology";

/**
 * Issue codes that stop a document from being stored at all: it does not parse, or a name or
 * argument is not allowed (these become command arguments on root shells). Other errors, such as
 * an address outside its subnet, are a draft in progress and are stored, then shown in the editor.
 */
const REFUSED = new Set<Issue["code"]>([
  "yaml-syntax",
  "too-large",
  "too-many",
  "invalid-name",
  "invalid-argument",
  "invalid-image",
  "invalid-kv-url",
]);

/**
 * An issue as the browser gets it: the facts and where they are, nothing else. `message` and `hint` are
 * Texts (their values already escaped), which the page renders in the reader's language.
 */
export type IssueView = Pick<Issue, "code" | "severity" | "message" | "hint" | "line" | "column"> & {
  path: string[];
};

export type DocumentCheck =
  | { ok: true; topology: Topology; issues: IssueView[] }
  | { ok: false; error: string; issues: IssueView[] };

function view(issue: Issue): IssueView {
  return {
    code: issue.code,
    severity: issue.severity,
    message: issue.message,
    hint: issue.hint,
    path: issue.path.map(String),
    ...(issue.line !== undefined && { line: issue.line }),
    ...(issue.column !== undefined && { column: issue.column }),
  };
}

/** Checks a design text as every import and save does (the same `checkTopologyText` as the editor). */
export function checkDocument(text: string): DocumentCheck {
  const result = checkTopologyText(text);
  const issues = result.issues.map(view);
  const refused = result.issues.filter((issue) => REFUSED.has(issue.code) || !result.topology);
  if (!result.topology || refused.length > 0) {
    const first = refused[0] ?? result.issues[0];
    const where = first?.line ? `line ${first.line}:${first.column ?? 1}: ` : "";
    return {
      ok: false,
      error: first ? `${where}${first.message.en}` : "the document is not a design",
      issues: refused.map(view),
    };
  }
  return { ok: true, topology: result.topology, issues };
}

/** The document an empty design starts as. */
export function emptyDocument(name: string): string {
  return serializeTopology({ name, hosts: {} });
}
