export const metadata = { title: "Hosts & lab" };

export default function HostsPage() {
  return (
    <section className="mx-auto w-full max-w-5xl p-6" data-testid="hosts-page">
      <h1 className="text-xl font-semibold">Hosts &amp; lab</h1>
      <p className="mt-2 text-muted">
        Inventories, credentials and host keys, and the embedded lab, are coming here. Until then use{" "}
        <code className="font-mono">crossnet lab up</code> on the command line.
      </p>
    </section>
  );
}
