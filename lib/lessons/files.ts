import "server-only";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { t } from "../i18n/text";
import { LESSON_MAX_BYTES, type LoadedLesson, loadLessonText } from "./load";
import { LessonIdSchema } from "./schema";

/**
 * Server-only: the lesson files of the repository (lessons/*.yaml, one per experiment) and the
 * examples/ designs they name, read from the working directory like the editor's templates.
 */

const EXAMPLE = /^examples\/[a-z0-9][a-z0-9-]*\.yaml$/;

export type LessonFile = { id: string; file: string; loaded: LoadedLesson };

function readBounded(path: string): string | undefined {
  try {
    if (statSync(path).size > LESSON_MAX_BYTES * 4) return undefined;
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Reads examples/NAME.yaml under `root` (only that pattern: a lesson cannot name any other file). */
export function exampleReader(root: string): (path: string) => string | undefined {
  return (path) => (EXAMPLE.test(path) ? readBounded(join(root, path)) : undefined);
}

/** Every lessons/*.yaml under `root`, loaded and checked, in file-name order; a file whose id differs from its name fails. */
export function readLessons(root: string = process.cwd()): LessonFile[] {
  const dir = join(root, "lessons");
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((file) => file.endsWith(".yaml"))
      .sort();
  } catch {
    return [];
  }
  return files.flatMap((file) => {
    const id = file.replace(/\.yaml$/, "");
    if (!LessonIdSchema.safeParse(id).success) return [];
    return [{ id, file: `lessons/${file}`, loaded: readLesson(root, id) }];
  });
}

/** One lesson by id, loaded and checked; not-ok (with the reason) when missing or broken. */
export function readLesson(root: string, id: string): LoadedLesson {
  const text = LessonIdSchema.safeParse(id).success ? readBounded(join(root, "lessons", `${id}.yaml`)) : undefined;
  if (text === undefined) return { ok: false, problems: [{ path: [], text: t`no lesson '${id}'` }] };
  const loaded = loadLessonText(text, exampleReader(root));
  if (loaded.ok && loaded.lesson.id !== id)
    return {
      ok: false,
      problems: [
        {
          path: ["id"],
          text: t`id '${loaded.lesson.id}' differs from the file name '${id}'`,
        },
      ],
    };
  return loaded;
}
