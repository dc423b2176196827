import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { type Text, t } from "../i18n/text";
import type { Issue, IssueCode, IssuePath } from "./issues";
import { sortIssues } from "./issues";
import { locate } from "./locate";
import { prescanShape } from "./prescan";
import { say } from "./said";
import { LIMITS, type Topology, TopologySchema } from "./schema";
import { allowedKeys, closest } from "./schema-keys";

export type ParseResult = { topology?: Topology; issues: Issue[]; data?: unknown };

/** A parsed text plus a way to position issues found later (by validate) in it. */
export type ParsedText = ParseResult & {
  position: (path: IssuePath, atKey?: boolean) => { line: number; column: number } | undefined;
};

/**
 * Parses a design from YAML or JSON (JSON is read as YAML 1.2, so positions work for both).
 * Never throws for bad input: every problem is an issue with a path and, where possible, line and column.
 * Safe YAML: core schema only, no custom tags, aliases capped, duplicate keys refused; nesting and
 * width capped by a linear pre-scan before the parser runs (lib/topology/prescan.ts).
 */
export function parseTopologyText(text: string): ParsedText {
  const lineCounter = new LineCounter();
  const noPosition = () => undefined;
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > LIMITS.bytes)
    return {
      issues: [
        {
          code: "too-large",
          severity: "error",
          path: [],
          ...say(
            t`the file is ${bytes} bytes; the limit is ${LIMITS.bytes}`,
            t`Split the design, or remove what it does not need.`,
          ),
        },
      ],
      position: noPosition,
    };
  const shape = prescanShape(text);
  if (shape)
    return {
      issues: [
        {
          code: "too-large",
          severity: "error",
          path: [],
          ...say(
            shape.kind === "depth"
              ? t`the document nests ${shape.found} levels deep at line ${shape.line}; the limit is ${shape.limit}`
              : t`a list or map has more than ${shape.limit} entries (at line ${shape.line})`,
            t`A design is a few levels of maps of names: flatten or split the document.`,
          ),
          line: shape.line,
          column: 1,
        },
      ],
      position: noPosition,
    };
  const doc = parseDocument(text, {
    lineCounter,
    schema: "core",
    merge: false,
    uniqueKeys: true,
    prettyErrors: false,
    customTags: [],
  });
  const position = (path: IssuePath, atKey = false) => locate(doc.contents, path, lineCounter, atKey);
  if (doc.errors.length > 0) {
    const issues: Issue[] = doc.errors.map((error) => {
      const at = lineCounter.linePos(error.pos[0]);
      const duplicate = error.code === "DUPLICATE_KEY";
      return {
        code: duplicate ? "duplicate-name" : "yaml-syntax",
        severity: "error",
        path: [],
        ...say(
          duplicate ? t`a name appears twice in the same map` : t`${firstLine(error.message)}`,
          duplicate
            ? t`Names are map keys and must be unique: rename or merge one of them.`
            : t`Fix the YAML/JSON syntax at this position.`,
        ),
        line: at.line,
        column: at.col,
      };
    });
    return { issues: sortIssues(dedupe(issues)), position };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    return {
      issues: [
        {
          code: "yaml-syntax",
          severity: "error",
          path: [],
          ...say(t`${firstLine((error as Error).message)}`, t`Remove YAML aliases and anchors; write the values out.`),
        },
      ],
      position,
    };
  }
  const result = parseTopologyData(data);
  const issues = result.issues.map((issue) => ({ ...issue, ...position(issue.path, issue.code === "unknown-key") }));
  return { topology: result.topology, issues: sortIssues(issues), position, data };
}

/** Structural check of already-decoded data (e.g. from the canvas or a JSON API body). */
export function parseTopologyData(data: unknown): ParseResult {
  const parsed = TopologySchema.safeParse(data);
  const issues = parsed.success ? [] : parsed.error.issues.flatMap((issue) => toIssues(issue, data));
  const reported = new Set(issues.map((issue) => JSON.stringify(issue.path)));
  for (const path of protoKeyPaths(data))
    if (!reported.has(JSON.stringify(path)))
      issues.push({
        code: "invalid-name",
        severity: "error",
        path,
        ...say(t`'${path.join(".")}': '__proto__' cannot be a name`, t`Rename it: names start with a letter or digit.`),
      });
  if (parsed.success) return { topology: parsed.data, issues: sortIssues(issues) };
  return { issues: sortIssues(dedupe(issues)) };
}

/** Where the data has an own `__proto__` key. A map of names drops such a key silently, so it is reported here. */
function protoKeyPaths(data: unknown): IssuePath[] {
  const found: IssuePath[] = [];
  const stack: { value: unknown; path: IssuePath }[] = [{ value: data, path: [] }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value, path } = item;
    if (typeof value !== "object" || value === null) continue;
    for (const key of Object.keys(value)) {
      if (key === "__proto__") found.push([...path, key]);
      else
        stack.push({
          value: (value as Record<string, unknown>)[key],
          path: [...path, Array.isArray(value) ? Number(key) : key],
        });
    }
  }
  return found;
}

function toIssues(issue: z.core.$ZodIssue, data: unknown): Issue[] {
  const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  const where = path.length ? t`'${path.join(".")}'` : t`the document`;
  if (issue.code === "custom") {
    const params = (issue.params ?? {}) as { code?: IssueCode; message?: Text; hint?: Text };
    return [
      {
        code: params.code ?? "invalid-value",
        severity: "error",
        path,
        ...say(t`${where}: ${params.message ?? issue.message}`, params.hint ?? t``),
      },
    ];
  }
  if (issue.code === "unrecognized_keys") {
    const allowed = allowedKeys(data, path);
    return issue.keys.map((key) => {
      const guess = closest(key, allowed);
      return {
        code: "unknown-key" as const,
        severity: "error" as const,
        path: [...path, key],
        ...say(
          t`unknown key '${key}' in ${where}`,
          guess
            ? t`Did you mean '${guess}'? Allowed here: ${allowed.join(", ")}.`
            : t`Remove it. Allowed here: ${allowed.join(", ")}.`,
        ),
      };
    });
  }
  if (issue.code === "invalid_union" && "discriminator" in issue && issue.discriminator) {
    const options = (issue as { options?: unknown[] }).options ?? [];
    return [
      {
        code: "invalid-value",
        severity: "error",
        path,
        ...say(
          t`${where} must be one of ${options.map(String).join(", ")}`,
          t`Pick a driver: ${options.map(String).join(", ")}.`,
        ),
      },
    ];
  }
  if (issue.code === "invalid_type") {
    const missing = valueAt(data, path) === undefined;
    if (missing)
      return [
        {
          code: "required",
          severity: "error",
          path,
          ...say(
            t`${where} is required`,
            t`Add '${String(path[path.length - 1])}' (${issue.expected === "record" ? t`a map` : t`a ${issue.expected}`}).`,
          ),
        },
      ];
    return [
      {
        code: "invalid-type",
        severity: "error",
        path,
        ...say(
          t`${where} must be ${issue.expected === "record" ? t`a map of names` : t`a ${issue.expected}`}`,
          t`Check the value's type (quotes, list vs map).`,
        ),
      },
    ];
  }
  return [{ code: "invalid-value", severity: "error", path, ...say(t`${where}: ${issue.message}`, t``) }];
}

function valueAt(data: unknown, path: IssuePath): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string, unknown>)[String(key)];
  }
  return current;
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.code}|${issue.path.join("\u0000")}|${issue.message.en}|${issue.line}:${issue.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}
