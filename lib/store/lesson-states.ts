import "server-only";
import { and, eq } from "drizzle-orm";
import { newId, nowIso } from "./clock";
import type { Store } from "./open";
import { lessonStates } from "./schema";

/** Largest lesson state stored (UTF-8 bytes of its JSON): a lesson's few steps and cells fit many times over. */
export const LESSON_STATE_MAX_BYTES = 512 * 1024;

/** One user's stored state of one lesson: the JSON the lesson use case wrote, and its revision (1, 2, …). */
export type StoredLessonState = { state: string; revision: number; updatedAt: string };

/** The stored state of a lesson for a user, or null before the user did anything in it. */
export function getLessonState(store: Store, userId: string, lessonId: string): StoredLessonState | null {
  const row = store.db
    .select({ state: lessonStates.state, revision: lessonStates.revision, updatedAt: lessonStates.updatedAt })
    .from(lessonStates)
    .where(and(eq(lessonStates.userId, userId), eq(lessonStates.lessonId, lessonId)))
    .get();
  return row ?? null;
}

/**
 * Reads, changes and writes a user's lesson state in one IMMEDIATE transaction, so two requests (the
 * guided view and the presenter) never overwrite each other's change. `change` gets the stored JSON
 * (null when none) and returns the new JSON, or null to leave it as it is. Returns the state after the
 * call and whether it changed (its revision then grew by one).
 * Throws when the new JSON is larger than {@link LESSON_STATE_MAX_BYTES}: the use case caps what it keeps.
 */
export function updateLessonState(
  store: Store,
  userId: string,
  lessonId: string,
  change: (current: string | null) => string | null,
): { stored: StoredLessonState | null; changed: boolean } {
  const run = store.sqlite.transaction(() => {
    const current = getLessonState(store, userId, lessonId);
    const next = change(current?.state ?? null);
    if (next === null || next === current?.state) return { stored: current, changed: false };
    const bytes = Buffer.byteLength(next, "utf8");
    if (bytes > LESSON_STATE_MAX_BYTES)
      throw new Error(`lesson state is ${bytes} bytes; the limit is ${LESSON_STATE_MAX_BYTES}`);
    const updatedAt = nowIso(store);
    if (!current) {
      store.db
        .insert(lessonStates)
        .values({ id: newId(), userId, lessonId, state: next, revision: 1, updatedAt })
        .run();
      return { stored: { state: next, revision: 1, updatedAt }, changed: true };
    }
    const revision = current.revision + 1;
    store.db
      .update(lessonStates)
      .set({ state: next, revision, updatedAt })
      .where(and(eq(lessonStates.userId, userId), eq(lessonStates.lessonId, lessonId)))
      .run();
    return { stored: { state: next, revision, updatedAt }, changed: true };
  });
  return run.immediate();
}
