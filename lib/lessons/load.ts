import "server-only";
import { parse as parseYaml } from "yaml";
import { type Text, t } from "../i18n/text";
import { checkTopologyData, checkTopologyText } from "../topology/check";
import type { Topology } from "../topology/schema";
import { serializeTopology } from "../topology/serialize";
import { type Lesson, LessonSchema } from "./schema";
import { type LessonProblem, lessonProblems } from "./validate";

/** Largest lesson file read (UTF-8 bytes). */
export const LESSON_MAX_BYTES = 256 * 1024;

export type LoadedLesson =
  | {
      ok: true;
      lesson: Lesson;
      topology: Topology;
      /** The design as YAML: the examples/ file's text, or the inline design written out. */
      topologyText: string;
    }
  | { ok: false; problems: LessonProblem[] };

/** Reads an examples/NAME.yaml file named by a lesson; undefined when there is none. */
export type ReadExample = (path: string) => string | undefined;

function problem(path: (string | number)[], text: Text): LessonProblem {
  return { path, text };
}

/**
 * A lesson file, checked: YAML, then the lesson schema, then its topology (as any design file, errors
 * refuse it), then the lesson against the topology (`lessonProblems`). Pure: the examples are read
 * through `readExample`.
 */
export function loadLessonText(text: string, readExample: ReadExample): LoadedLesson {
  if (new TextEncoder().encode(text).length > LESSON_MAX_BYTES)
    return {
      ok: false,
      problems: [problem([], t`the file is ${text.length} bytes; the limit is ${LESSON_MAX_BYTES}`)],
    };
  let data: unknown;
  try {
    data = parseYaml(text, { maxAliasCount: 0, uniqueKeys: true });
  } catch (error) {
    return { ok: false, problems: [problem([], t`${error instanceof Error ? error.message : String(error)}`)] };
  }
  const parsed = LessonSchema.safeParse(data);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) =>
        problem(
          issue.path.map((part) => (typeof part === "symbol" ? String(part) : part)),
          t`${issue.message}`,
        ),
      ),
    };
  const lesson = parsed.data;
  const source = lesson.topology;
  let topologyText: string;
  let check: ReturnType<typeof checkTopologyText>;
  if (typeof source === "string") {
    const example = readExample(source);
    if (example === undefined) return { ok: false, problems: [problem(["topology"], t`there is no ${source}`)] };
    topologyText = example;
    check = checkTopologyText(example);
  } else {
    check = checkTopologyData(source);
    topologyText = check.topology ? serializeTopology(check.topology) : "";
  }
  if (!check.ok || !check.topology)
    return {
      ok: false,
      problems: check.issues
        .filter((issue) => issue.severity === "error")
        .map((issue) => problem(["topology", ...issue.path], issue.message)),
    };
  const problems = lessonProblems(lesson, check.topology);
  if (problems.length) return { ok: false, problems };
  return { ok: true, lesson, topology: check.topology, topologyText };
}
