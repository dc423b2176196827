import { requireUser } from "../../_lib/session";
import { LessonPage, lessonTitle } from "./lesson-page";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: await lessonTitle((await params).id) };
}

/** A lesson, guided: steps, commands with explanations, apply-this-step, predict-then-ping, reset. */
export default async function GuidedLessonPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireUser("viewer");
  if (!session.ok) return <p className="p-6">{session.error.message}</p>;
  return <LessonPage id={(await params).id} mode="guide" />;
}
