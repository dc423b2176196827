import { notFound } from "next/navigation";
import { LessonView } from "@/components/lessons/lesson-view";
import { readLessonState } from "@/lib/app/lesson-state";
import { labNameOf } from "@/lib/lab/spec/from-topology";
import { LessonIdSchema } from "@/lib/lessons/schema";
import { lessonView } from "@/lib/lessons/view";
import { loadLesson } from "../../_lib/lessons";
import { getTranslator } from "../../_lib/locale";
import { requireUser } from "../../_lib/session";
import { getStore } from "../../_lib/store";

/** Shared by the guided and the presenter pages: the lesson in the reader's language, or 404. */
export async function LessonPage({ id, mode }: { id: string; mode: "guide" | "present" }) {
  const session = await requireUser("viewer");
  if (!session.ok) return <p className="p-6">{session.error.message}</p>;
  if (!LessonIdSchema.safeParse(id).success) notFound();
  const loaded = loadLesson(id);
  if (!loaded.ok) notFound();
  const { locale } = await getTranslator();
  const view = lessonView(loaded.lesson, loaded.topology, loaded.topologyText, locale);
  const initial = readLessonState(getStore(), { userId: session.user.userId, lessonId: id }, view.steps);
  return (
    <LessonView key={locale} view={view} mode={mode} labName={labNameOf(loaded.topology.name)} initial={initial} />
  );
}

export async function lessonTitle(id: string): Promise<string> {
  const { locale, t } = await getTranslator();
  const loaded = LessonIdSchema.safeParse(id).success ? loadLesson(id) : null;
  return loaded?.ok ? loaded.lesson.title[locale] : t("lessons.title");
}
