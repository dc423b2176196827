export const metadata = { title: "Runs" };

export default function RunsPage() {
  return (
    <section className="mx-auto w-full max-w-5xl p-6" data-testid="runs-page">
      <h1 className="text-xl font-semibold">Runs</h1>
      <p className="mt-2 text-muted">
        The history of applies and ping matrices, tied to topology versions, is coming here.
      </p>
    </section>
  );
}
