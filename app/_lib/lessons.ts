import type { LessonStateSteps } from "@/lib/app/lesson-state";
import { readLesson, readLessons } from "@/lib/lessons/files";
import type { LoadedLesson } from "@/lib/lessons/load";
import type { Lesson } from "@/lib/lessons/schema";
import { lessonView } from "@/lib/lessons/view";
import type { Store } from "@/lib/store/open";
import {
  createTopology,
  getLatestTopologyVersion,
  getTopologyByName,
  saveTopologyVersion,
  type TopologyVersion,
} from "@/lib/store/topologies";
import type { Topology } from "@/lib/topology/schema";

/** Lesson files live in the repository's lessons/ (read from the working directory, like the templates). */
export function lessonRoot(): string {
  return process.cwd();
}

export function listLessonFiles() {
  return readLessons(lessonRoot());
}

export function loadLesson(id: string): LoadedLesson {
  return readLesson(lessonRoot(), id);
}

/** The stored topology a lesson runs as (apply, ping and lab runs are tied to a saved version). */
export function lessonTopologyName(lesson: Pick<Lesson, "id">): string {
  return `lesson: ${lesson.id}`;
}

export type LessonDesign =
  | { ok: true; topologyId: string; version: TopologyVersion; topology: Topology; lesson: Lesson }
  | { ok: false; error: { code: string; message: string } };

/**
 * The lesson's design as a stored topology, created on first use and given a new version when the
 * lesson file's design changed (saving the same text again creates nothing).
 */
export function lessonDesign(store: Store, id: string, who: string): LessonDesign {
  const loaded = loadLesson(id);
  if (!loaded.ok) return { ok: false, error: { code: "invalid-lesson", message: `lesson '${id}' does not load` } };
  const name = lessonTopologyName(loaded.lesson);
  let topologyId = getTopologyByName(store, name)?.id;
  if (!topologyId) {
    const created = createTopology(store, { name, initial: { document: loaded.topologyText, author: who } });
    // Another request may have created it a moment ago: then it is there to use.
    topologyId = created.ok ? created.value.id : getTopologyByName(store, name)?.id;
    if (!topologyId)
      return { ok: false, error: { code: "not-saved", message: "the lesson's design could not be saved" } };
  } else {
    const saved = saveTopologyVersion(store, { topologyId, document: loaded.topologyText, author: who });
    if (!saved.ok) return { ok: false, error: { code: saved.error.code, message: saved.error.message } };
  }
  const version = getLatestTopologyVersion(store, topologyId);
  if (!version) return { ok: false, error: { code: "not-saved", message: "the lesson's design could not be saved" } };
  return { ok: true, topologyId, version, topology: loaded.topology, lesson: loaded.lesson };
}

/**
 * The steps of a lesson as its stored state needs them (ids, pings with expected outcomes, the fault),
 * or null when the lesson does not load. Language does not matter here: ids and outcomes are the same.
 */
export function lessonStateSteps(id: string): LessonStateSteps | null {
  const loaded = loadLesson(id);
  if (!loaded.ok) return null;
  return lessonView(loaded.lesson, loaded.topology, loaded.topologyText, "en").steps;
}
