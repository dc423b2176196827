import { requireUser } from "../../../_lib/session";
import { LessonPage, lessonTitle } from "../lesson-page";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: await lessonTitle((await params).id) };
}

/** A lesson for a projector: large text, the canvas and the matrix side by side. */
export default async function PresentLessonPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireUser("viewer");
  if (!session.ok) return <p className="p-6">{session.error.message}</p>;
  return <LessonPage id={(await params).id} mode="present" />;
}
