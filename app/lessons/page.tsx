import Link from "next/link";
import { RichText } from "@/components/lessons/rich-text";
import { render } from "@/lib/i18n/text";
import { pick } from "@/lib/lessons/view";
import { listLessonFiles } from "../_lib/lessons";
import { getTranslator } from "../_lib/locale";
import { requireUser } from "../_lib/session";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t("lessons.title") };
}

/** The tutorial's experiments as guided lessons, in the tutorial's order; a broken lesson file says why. */
export default async function LessonsPage() {
  const session = await requireUser("viewer");
  if (!session.ok) return <p className="p-6">{session.error.message}</p>;
  const { locale, t } = await getTranslator();
  const files = listLessonFiles();
  const lessons = files
    .flatMap((file) => (file.loaded.ok ? [{ file, lesson: file.loaded.lesson }] : []))
    .sort((a, b) => a.lesson.order - b.lesson.order);
  const broken = files.filter((file) => !file.loaded.ok);
  return (
    <section className="mx-auto w-full max-w-5xl space-y-6 overflow-auto p-6" data-testid="lessons-page">
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">{t("lessons.title")}</h1>
        <p className="text-sm text-muted">{t("lessons.intro")}</p>
      </header>
      <ol className="grid gap-3 md:grid-cols-2">
        {lessons.map(({ lesson }) => {
          const faults = lesson.steps.filter((step) => step.fault).length;
          return (
            <li key={lesson.id}>
              <Link
                href={`/lessons/${lesson.id}`}
                className="block h-full space-y-2 rounded-lg border border-border bg-panel p-4 hover:border-accent"
                data-testid={`lesson-card-${lesson.id}`}
              >
                <div className="flex items-baseline justify-between gap-2">
                  <h2 className="font-semibold">{pick(lesson.title, locale)}</h2>
                  {lesson.section && (
                    <span className="text-xs text-muted">{t("lesson.section", { section: lesson.section })}</span>
                  )}
                </div>
                <RichText className="text-sm text-muted" text={pick(lesson.summary, locale)} />
                <p className="text-xs text-muted">
                  {t("lessons.steps", { count: lesson.steps.length })}
                  {faults > 0 && ` · ${t("lessons.exercises", { count: faults })}`}
                </p>
              </Link>
            </li>
          );
        })}
      </ol>
      {broken.length > 0 && (
        <section className="space-y-2 rounded-lg border border-danger p-4" data-testid="lessons-broken">
          <h2 className="font-semibold text-danger">{t("lessons.broken")}</h2>
          {broken.map((file) => (
            <div key={file.id} className="text-sm">
              <p className="font-mono">{file.file}</p>
              <ul className="list-disc pl-5">
                {(file.loaded.ok ? [] : file.loaded.problems).map((problem) => (
                  <li key={`${problem.path.join(".")}:${problem.text.en}`}>
                    <span className="font-mono text-muted">{problem.path.join(".") || "—"}</span>:{" "}
                    {render(problem.text, locale)}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      )}
    </section>
  );
}
